import { describe, expect, it } from 'vitest';
import { contractorBlock, contractorFields } from '../../../../src/application/reports/contractor-block.ts';
import { reportHeader } from '../../../../src/application/reports/report-header.ts';
import { TEST_CONTRACTOR } from '../../../support/contractor.ts';

describe('contractorBlock (a submission: 届・依頼書・報告書・請求書)', () => {
  it('is 所在地, 受注者名 and the 代表者 line carrying the 印 mark, right-aligned', () => {
    expect(contractorBlock(reportHeader(TEST_CONTRACTOR))).toEqual([
      { type: 'paragraph', text: '所在地　石川県金沢市試験町1-2-3', align: 'right' },
      { type: 'paragraph', text: '受注者名　株式会社 試験水道サービス', align: 'right' },
      { type: 'paragraph', text: '代表者　代表取締役　架空 一郎', align: 'right', seal: '印' },
    ]);
  });

  it('without the contractor section says what to set on each line and draws no 印', () => {
    const blocks = contractorBlock(reportHeader(null));
    expect(blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))).toEqual([
      '所在地　所在地が未設定です（職員ファイルの contractor.address）',
      '受注者名　受注者名が未設定です（職員ファイルの contractor.name）',
      '代表者　代表者が未設定です（職員ファイルの contractor.representative）',
    ]);
    expect(blocks.some((b) => b.type === 'paragraph' && b.seal !== undefined)).toBe(false);
  });
});

describe('contractorFields (an attachment: table, list, chart, 日報)', () => {
  it('is the 受注者 and 代表者 rows, set or saying what to set', () => {
    expect(contractorFields(reportHeader(TEST_CONTRACTOR))).toEqual([
      { label: '受注者', value: '株式会社 試験水道サービス' },
      { label: '代表者', value: '代表取締役　架空 一郎' },
    ]);
    expect(contractorFields(reportHeader(null))[1]).toEqual({ label: '代表者', value: '代表者が未設定です（職員ファイルの contractor.representative）' });
  });
});
