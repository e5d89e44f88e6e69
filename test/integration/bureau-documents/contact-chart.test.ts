import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { register as registerReport } from '../../../src/cli/commands/report.ts';
import { register as registerStaff } from '../../../src/cli/commands/staff.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { asOperator } from '../../support/operator.ts';
import { hasRow, pdfPageItems } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

const STAFF = `
people:
  - { id: w01, affiliation: contractor, name: 架空 太郎, phone: 090-0000-0001, title: 班長, canSupervise: true, isAdmin: true }
  - { id: w02, affiliation: contractor, name: 仮野 次郎, phone: 090-0000-0002, canSupervise: true }
  - { id: w03, affiliation: contractor, name: 試験 花子, phone: 090-0000-0003 }
  - { id: w04, affiliation: contractor, name: 見本 三郎, phone: 090-0000-0004, canSupervise: true }
  - { id: c01, affiliation: bureau, name: 想定 一郎, phone: 090-0000-0101, title: 営業課 }
  - { id: c02, affiliation: bureau, name: 想定 二郎, phone: 090-0000-0102, title: 給水課 }
defaultStaffing: { workers: [w01, w02, w03, w04], supervisors: [w01] }
afterHoursRoster:
  - { validTo: 2026-03-31, people: [w02, w03] }
  - { validFrom: 2026-04-01, people: [w03, w04] }
contactCharts:
  doubt:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
  incident:
    - { target: supervisor, ackTimeoutMinutes: 5 }
    - { target: c02, ackTimeoutMinutes: 20 }
    - { target: c01, ackTimeoutMinutes: 30 }
channels:
  bureau: { slack: C0BUREAU }
`;

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  const file = join(t.dir, 'staff.yaml');
  writeFileSync(file, STAFF);
  const load = await runCommand(registerStaff, ['staff', 'load', file], testContext(t.db, new VirtualClock('2026-03-26T23:00:00Z')));
  expect(load.code, load.err).toBe(0);
});
afterEach(async () => t.dispose());

const ctxAs = (operator: string) => asOperator(testContext(t.db, new VirtualClock('2026-03-26T23:00:00Z')), operator);

describe('report contact-chart', () => {
  it('draws each chart level by level with the minutes between them, the supervisors, the roster and the bureau channel', async () => {
    const out = join(t.dir, 'chart.pdf');
    const run = await runCommand(registerReport, ['report', 'contact-chart', '--date', '2026-03-27', '--out', out, '--plain'], await ctxAs('w01'));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('令和8年3月27日の連絡系統図を作成しました');
    const pages = await pdfPageItems(new Uint8Array(readFileSync(out)));
    const items = pages.flat();
    expect(items).toContain('連絡系統図');
    expect(hasRow(pages, ['有効日', '令和8年3月27日'])).toBe(true);
    // The incident chart's levels in calling order, arrows with the minutes between them (pdf.js splits at full-width spaces).
    const text = pages.map((p) => p.join('')).join('');
    const order = [
      '2. 事故等の連絡系統', '第1段階業務責任者(応答待ち 5分)', '↓応答なし 5分で次の段階へ',
      '第2段階担当者(応答待ち 20分)', '↓応答なし 20分で次の段階へ',
      '第3段階担当者(応答待ち 30分)', '最後の段階: 30分たっても応答がないときは',
    ].map((s) => text.indexOf(s, text.indexOf('2. 事故等の連絡系統')));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.indexOf('1. 疑義の連絡系統')).toBeLessThan(order[0]!);
    // 業務責任者: the day's, then the other candidates; phones printed.
    expect(hasRow(pages, ['当日の業務責任者', '架空 太郎', '班長・受注者', '090-0000-0001'])).toBe(true);
    expect(hasRow(pages, ['業務責任者 (代行可)', '仮野 次郎', '受注者', '090-0000-0002'])).toBe(true);
    expect(hasRow(pages, ['連絡先', '想定 二郎', '給水課・企業局', '090-0000-0102'])).toBe(true);
    // The roster ranges with their validity, the one of the date marked.
    expect(text).toContain('有効期間: ～令和8年3月31日← 令和8年3月27日に有効');
    expect(text).toContain('有効期間: 令和8年4月1日～順');
    expect(hasRow(pages, ['1', '仮野 次郎', '090-0000-0002'])).toBe(true);
    expect(hasRow(pages, ['2', '見本 三郎', '090-0000-0004'])).toBe(true);
    expect(items).toContain('slack: C0BUREAU');
    const audit = await t.db.read.auditLog.findFirstOrThrow({ where: { action: 'report.exported' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'contactChart', format: 'plain', personalData: true });
  });

  it('is written as an AES zip by default, and refused to a worker', async () => {
    const out = join(t.dir, 'chart.pdf');
    const run = await runCommand(registerReport, ['report', 'contact-chart', '--out', out, '--print-password'], await ctxAs('w01'));
    expect(run.code, run.err).toBe(0);
    expect(existsSync(`${out}.zip`)).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(run.err).toContain(`${out}.zip`); // the password is shown on stderr
    const refused = await runCommand(registerReport, ['report', 'contact-chart', '--out', join(t.dir, 'w.pdf'), '--plain'], await ctxAs('w03'));
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/権限/);
    expect(existsSync(join(t.dir, 'w.pdf'))).toBe(false);
  });
});
