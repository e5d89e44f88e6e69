import { describe, expect, it } from 'vitest';
import { reportHeader } from '../../../../src/application/reports/report-header.ts';
import { TEST_CONTRACTOR } from '../../../support/contractor.ts';

describe('reportHeader', () => {
  it('takes the contractor, the representative and the contract number from the staff file\'s section', () => {
    const h = reportHeader(TEST_CONTRACTOR);
    expect(h).toMatchObject({
      contractorName: '株式会社 試験水道サービス',
      representative: '代表取締役　架空 一郎',
      contractorAddress: '石川県金沢市試験町1-2-3',
      contractNumber: '試験第0001号',
      contractName: '水道開閉栓業務委託', // the template's, the section names none
      representativeSet: true,
    });
    expect(reportHeader({ ...TEST_CONTRACTOR, contractName: '別の業務委託' }).contractName).toBe('別の業務委託');
  });

  it('without the section, every detail says which key to set', () => {
    const h = reportHeader(null);
    expect(h.contractorName).toBe('受注者名が未設定です（職員ファイルの contractor.name）');
    expect(h.representative).toBe('代表者が未設定です（職員ファイルの contractor.representative）');
    expect(h.representativeSet).toBe(false);
    expect(h.contractorAddress).toContain('contractor.address');
    expect(h.contractNumber).toContain('contractor.contractNumber');
    expect(reportHeader({ ...TEST_CONTRACTOR, contractNumber: null }).contractNumber).toContain('contractor.contractNumber');
  });
});
