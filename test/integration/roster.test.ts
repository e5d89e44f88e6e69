import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { createStaffStore } from '../../src/adapters/db/staff-store.ts';
import { createWorkCalendar } from '../../src/adapters/calendar/create-work-calendar.ts';
import { getDayStaffing } from '../../src/application/staffing/get-day-staffing.ts';
import { getContactChart } from '../../src/application/staffing/get-contact-chart.ts';
import { SPEC_CALENDAR } from '../../src/domain/calendar/work-calendar.ts';
import { givePasswords, operatorEnv } from '../support/operator.ts';

let t: TempDatabase;
beforeAll(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
  expect((await cli('staff', 'load', 'examples/staff.yaml')).code).toBe(0);
});
afterAll(async () => {
  await t.dispose();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'c01', ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function json<T>(...argv: string[]): Promise<T> {
  const r = await cli(...argv, '--json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

type Staffing = { source: string; onDuty: string[]; supervisors: string[]; isWorkDay: boolean };
type Night = { members: { id: string; phone: string }[]; overrides: unknown[] };

describe('kaiheisen roster show / set / reset', () => {
  it('shows the default staffing on a work day, weekends included', async () => {
    const r = await cli('roster', 'show', '--date', '2026-03-28');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2026-03-28 (土) の作業者配置: 通常の配置 (職員ファイル)');
    expect(r.out).toContain('作業者 (6 名)');
    expect(r.out).toContain('業務責任者: w01 架空 太郎');
  });

  it('says that a closed day has nobody', async () => {
    const r = await cli('roster', 'show', '--date', '2027-01-02');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2027-01-02 は休業日です');
    expect(await json<Staffing>('roster', 'show', '--date', '2027-01-02')).toMatchObject({ source: 'closed', onDuty: [], isWorkDay: false });
  });

  it('sets an explicit staffing for one date, then resets it', async () => {
    const set = await cli('roster', 'set', '--date', '2026-03-27', '--workers', 'w01,w02,w03', '--supervisor', 'w02');
    expect(set.code).toBe(0);
    expect(set.out).toContain('2026-03-27 の作業者配置を登録しました');
    expect(await json<Staffing>('roster', 'show', '--date', '2026-03-27')).toMatchObject({
      source: 'explicit',
      onDuty: ['w01', 'w02', 'w03'],
      supervisors: ['w02'],
    });
    expect(await json<Staffing>('roster', 'show', '--date', '2026-03-26')).toMatchObject({ source: 'default', supervisors: ['w01'] });
    expect(await t.db.read.auditLog.count({ where: { action: 'dailyStaffing.set', entityId: '2026-03-27' } })).toBe(1);

    const reset = await cli('roster', 'reset', '--date', '2026-03-27');
    expect(reset.out).toContain('通常の配置に戻しました');
    expect(await json<Staffing>('roster', 'show', '--date', '2026-03-27')).toMatchObject({ source: 'default', onDuty: ['w01', 'w02', 'w03', 'w04', 'w05', 'w06'] });
    expect((await cli('roster', 'reset', '--date', '2026-03-27')).out).toContain('個別の配置がありません');
  });

  it('warns in Japanese that someone whose ID card has expired on the date will not be dispatched', async () => {
    // w05's card expires on 2026-04-15 (examples/staff.yaml).
    const set = await cli('roster', 'set', '--date', '2026-04-20', '--workers', 'w01,w02,w05', '--supervisor', 'w01');
    expect(set.code).toBe(0);
    expect(set.out).toContain('⚠ w05 例示 美咲: 身分証明書が有効期限切れのため、この日は作業を振り分けません (朝の配信では配置外)');
    expect(set.out).not.toContain('⚠ w02');
    expect((await cli('roster', 'show', '--date', '2026-04-20')).out).toContain('⚠ w05 例示 美咲: 身分証明書が有効期限切れ');
    expect((await cli('roster', 'show', '--date', '2026-04-14')).out).not.toContain('⚠');
    expect((await cli('roster', 'reset', '--date', '2026-04-20')).code).toBe(0);
  });

  it('refuses unknown people, bureau contacts and supervisors who are off duty or not allowed', async () => {
    const r = await cli('roster', 'set', '--date', '2026-03-30', '--workers', 'w01,w09,c01,w03', '--supervisor', 'w03,w04');
    expect(r.code).toBe(1);
    expect(r.err).toContain('w09 は登録されていない人です');
    expect(r.err).toContain('c01 は発注者側の連絡先のため作業者にできません');
    expect(r.err).toContain('w03 は業務責任者になれません');
    expect(r.err).toContain('業務責任者 w04 が作業者に含まれていません');
    expect(await t.db.read.dailyStaffing.count({ where: { date: '2026-03-30' } })).toBe(0);
  });

  it('refuses inactive people', async () => {
    await t.db.write((tx) => tx.person.update({ where: { id: 'w06' }, data: { active: false } }));
    try {
      const r = await cli('roster', 'set', '--date', '2026-03-30', '--workers', 'w01,w06', '--supervisor', 'w01');
      expect(r.code).toBe(1);
      expect(r.err).toContain('w06 は無効');
      expect((await json<Staffing>('roster', 'show', '--date', '2026-03-30')).onDuty).not.toContain('w06');
    } finally {
      await t.db.write((tx) => tx.person.update({ where: { id: 'w06' }, data: { active: true } }));
    }
  });

  it('needs --force on a closed day', async () => {
    const refused = await cli('roster', 'set', '--date', '2026-12-31', '--workers', 'w01', '--supervisor', 'w01');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--force');
    const forced = await cli('roster', 'set', '--date', '2026-12-31', '--workers', 'w01', '--supervisor', 'w01', '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('休業日ですが、個別の配置が登録されています');
    expect(await json<Staffing>('roster', 'show', '--date', '2026-12-31')).toMatchObject({ source: 'explicit', isWorkDay: false });
  });

  it('treats a malformed date or a missing option as a usage error', async () => {
    expect((await cli('roster', 'show', '--date', '2026-02-30')).code).toBe(2);
    expect((await cli('roster', 'set', '--date', '2026-03-27', '--workers', 'w01')).code).toBe(2);
    expect((await cli('roster', 'set', '--date', '2026-03-27', '--workers', ' , ', '--supervisor', 'w01')).code).toBe(2);
  });
});

describe('kaiheisen roster after-hours / override', () => {
  const night = (date: string) => json<Night>('roster', 'after-hours', '--date', date);
  const ids = async (date: string) => (await night(date)).members.map((m) => m.id);

  it('lists the roster of the file with phone numbers', async () => {
    const r = await cli('roster', 'after-hours', '--date', '2026-04-01');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. w02 仮野 次郎 090-0000-0002');
    expect(r.out).toContain('2. w03 試験 花子 090-0000-0003');
  });

  it('lets someone cover one night, in a given place or first, until cleared', async () => {
    const replaced = await cli('roster', 'override', '--date', '2026-04-02', '--person', 'w04', '--replaces', 'w02', '--note', '通院');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain('差し替え: w04 が w02 の代わり (メモ: 通院)');
    expect(await ids('2026-04-02')).toEqual(['w04', 'w03']);
    expect((await cli('roster', 'override', '--date', '2026-04-02', '--person', 'w05')).code).toBe(0);
    expect(await ids('2026-04-02')).toEqual(['w05', 'w04', 'w03']);
    expect(await ids('2026-04-03')).toEqual(['w02', 'w03']); // other nights untouched

    const cleared = await cli('roster', 'override', '--date', '2026-04-02', '--clear');
    expect(cleared.out).toContain('差し替え 2 件を取り消しました');
    expect(await ids('2026-04-02')).toEqual(['w02', 'w03']);
    expect(await t.db.read.auditLog.count({ where: { action: { startsWith: 'afterHoursOverride.' }, entityId: '2026-04-02' } })).toBe(3);
  });

  it('warns when a night contact’s ID card has expired: on the roster, but not to be sent out', async () => {
    const override = await cli('roster', 'override', '--date', '2026-04-20', '--person', 'w05');
    expect(override.code).toBe(0);
    expect(override.out).toContain('⚠ w05 例示 美咲: 身分証明書が有効期限切れです。連絡順には入っていますが、身分証明書を持たずに現場へ出ることはできません');
    expect((await cli('roster', 'after-hours', '--date', '2026-04-20')).out).toContain('⚠ w05');
    expect((await cli('roster', 'override', '--date', '2026-04-20', '--clear')).out).not.toContain('⚠ w05');
  });

  it('refuses a replaced person who is not on that night, bureau contacts and bad option combinations', async () => {
    const notOn = await cli('roster', 'override', '--date', '2026-04-04', '--person', 'w04', '--replaces', 'w05');
    expect(notOn.code).toBe(1);
    expect(notOn.err).toContain('w05 は 2026-04-04 の夜の連絡順に入っていません');
    const bureau = await cli('roster', 'override', '--date', '2026-04-04', '--person', 'c01');
    expect(bureau.code).toBe(1);
    expect(bureau.err).toContain('c01 は発注者側の連絡先');
    expect((await cli('roster', 'override', '--date', '2026-04-04')).code).toBe(2);
    expect((await cli('roster', 'override', '--date', '2026-04-04', '--person', 'w04', '--clear')).code).toBe(2);
    expect(await t.db.read.afterHoursOverride.count({ where: { date: '2026-04-04' } })).toBe(0);
  });
});

describe('staffing reads for other use cases', () => {
  it('gives a date’s staffing and the contact chart in calling order', async () => {
    const clock = new VirtualClock('2026-03-27T00:00:00Z');
    const deps = { staff: createStaffStore(t.db, clock), calendar: createWorkCalendar(SPEC_CALENDAR) };
    expect(await getDayStaffing(deps, '2026-03-29')).toMatchObject({ source: 'default', supervisors: ['w01'] });
    expect((await getDayStaffing(deps, '2027-01-01')).source).toBe('closed');
    await expect(getDayStaffing(deps, '2026-02-30')).rejects.toThrow(/実在する日付/);
    expect(await getContactChart(deps, 'doubt')).toEqual([
      { position: 1, target: { kind: 'dutySupervisor' }, ackTimeoutMinutes: 10 },
      { position: 2, target: { kind: 'person', personId: 'c01' }, ackTimeoutMinutes: 15 },
    ]);
  });
});
