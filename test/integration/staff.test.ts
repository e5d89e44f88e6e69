import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from '../../src/cli/index.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { createStaffStore } from '../../src/adapters/db/staff-store.ts';
import { parseStaffFile } from '../../src/adapters/staff-file/read-staff-file.ts';
import { PLATFORM_MODULES } from '../../src/assembly/platforms/registry.ts';
import { listStaff } from '../../src/application/staffing/list-staff.ts';
import { givePasswords, operatorEnv } from '../support/operator.ts';

const EXAMPLE = 'examples/staff.yaml';
const FIXTURES = 'test/fixtures/staff';

let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  await givePasswords(t.db);
});
afterEach(async () => {
  await t.dispose();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const env = { DATABASE_URL: t.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'c01', ...operatorEnv };
  const code = await runCli(argv, { env, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The example team with a few edits, written to the temp folder. */
function editedExample(edit: (doc: { people: Record<string, unknown>[] } & Record<string, unknown>) => void): string {
  const doc = parse(readFileSync(EXAMPLE, 'utf8')) as { people: Record<string, unknown>[] } & Record<string, unknown>;
  edit(doc);
  const path = join(t.dir, 'staff-edited.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}

describe('kaiheisen staff load', () => {
  it('loads the example team: people, identities, default staffing, roster, charts, bureau channel', async () => {
    const r = await cli('staff', 'load', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('追加 7 名 / 更新 0 名 / 変更なし 0 名 / 無効化 0 名');
    const db = t.db.read;
    expect(await db.person.count({ where: { active: true } })).toBe(7);
    expect(await db.chatIdentity.findFirst({ where: { platform: 'slack', externalId: 'UW03' } })).toMatchObject({ personId: 'w03' });
    expect(await db.chatIdentity.count({ where: { platform: 'console' } })).toBe(7);
    expect(await db.defaultStaffing.findMany({ where: { isSupervisor: true } })).toEqual([{ personId: 'w01', isSupervisor: true }]);
    expect(await db.defaultStaffing.count()).toBe(6);
    const roster = await db.afterHoursRosterEntry.findMany({ orderBy: { position: 'asc' } });
    expect(roster.map((e) => e.personId)).toEqual(['w02', 'w03']);
    const doubt = await db.contactChartLevel.findMany({ where: { chart: 'doubt' }, orderBy: { position: 'asc' } });
    expect(doubt.map((l) => [l.target, l.personId, l.ackTimeoutMinutes])).toEqual([['dutySupervisor', null, 10], ['person', 'c01', 15]]);
    expect(await db.contactChartLevel.count({ where: { chart: 'incident' } })).toBe(2);
    expect(await db.chatConversation.findFirst({ where: { key: 'channel:bureau' } })).toMatchObject({ platform: 'slack', address: 'C0BUREAU' });
    expect(await db.person.findUnique({ where: { id: 'w05' } })).toMatchObject({ idCardExpiresOn: '2026-04-15', canSupervise: false });
  });

  it('audits every change without personal values', async () => {
    await cli('staff', 'load', EXAMPLE);
    const rows = await t.db.read.auditLog.findMany();
    expect(rows.filter((r) => r.action === 'person.add')).toHaveLength(7);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['defaultStaffing.replace', 'afterHoursRoster.replace', 'contactChart.replace', 'chatConversation.set']));
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/090-0000|架空|カクウ|KS-20/);
    expect(rows.every((r) => r.channel === 'cli')).toBe(true);
  });

  it('changes nothing when the same file is loaded twice', async () => {
    await cli('staff', 'load', EXAMPLE);
    const changes = { where: { NOT: { action: { startsWith: 'operator.' } } } };
    const audits = await t.db.read.auditLog.count(changes);
    const stamps = (await t.db.read.person.findMany({ orderBy: { id: 'asc' } })).map((p) => p.updatedAt.getTime());
    const again = await cli('staff', 'load', EXAMPLE);
    expect(again.code).toBe(0);
    expect(again.out).toContain('追加 0 名 / 更新 0 名 / 変更なし 7 名 / 無効化 0 名');
    expect(again.out).toContain('変更なし');
    expect(await t.db.read.auditLog.count(changes)).toBe(audits);
    expect((await t.db.read.person.findMany({ orderBy: { id: 'asc' } })).map((p) => p.updatedAt.getTime())).toEqual(stamps);
  });

  it('only reports with --dry-run', async () => {
    const r = await cli('staff', 'load', EXAMPLE, '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dryRun: true, added: ['w01', 'w02', 'w03', 'w04', 'w05', 'w06', 'c01'] });
    expect(await t.db.read.person.count()).toBe(0);
    expect(await t.db.read.auditLog.count()).toBe(0);
  });

  it('deactivates people missing from the file, updates the others and moves a chat account', async () => {
    await cli('staff', 'load', EXAMPLE);
    const path = editedExample((doc) => {
      doc.people = doc.people.filter((p) => p.id !== 'w06');
      const w02 = doc.people.find((p) => p.id === 'w02')!;
      w02.phone = '090-0000-9999';
      doc.people.push({ id: 'w07', affiliation: 'contractor', name: '新人 七海', phone: '090-0000-0007', chat: { slack: 'UW06', console: 'w07' } });
      doc.defaultStaffing = { workers: ['w01', 'w02', 'w03', 'w04', 'w05', 'w07'], supervisors: ['w01'] };
    });
    const r = await cli('staff', 'load', path);
    expect(r.code).toBe(0);
    expect(r.out).toContain('追加 1 名 / 更新 1 名 / 変更なし 5 名 / 無効化 1 名');
    expect(r.out).toContain('更新: w02 (phone)');
    expect(r.out).toContain('無効化: w06');
    const w06 = await t.db.read.person.findUnique({ where: { id: 'w06' }, include: { chatIdentities: true } });
    expect(w06).toMatchObject({ active: false });
    expect(w06?.deactivatedAt).toBeInstanceOf(Date);
    expect(w06?.chatIdentities.map((i) => i.platform)).toEqual(['console']); // slack UW06 went to w07
    expect(await t.db.read.chatIdentity.findFirst({ where: { externalId: 'UW06' } })).toMatchObject({ personId: 'w07' });
    const update = await t.db.read.auditLog.findFirst({ where: { action: 'person.update', entityId: 'w02' } });
    expect(JSON.parse(update!.after!)).toEqual({ phone: '(changed)' });
    expect(await t.db.read.auditLog.count({ where: { action: 'person.deactivate', entityId: 'w06' } })).toBe(1);
    expect(await t.db.read.auditLog.count({ where: { action: 'chatIdentity.release', entityId: 'w06' } })).toBe(1);
    expect(await t.db.read.defaultStaffing.findUnique({ where: { personId: 'w06' } })).toBeNull();
  });

  it('keeps several roster ranges, open at either end, and sees a reload as unchanged', async () => {
    const path = editedExample((doc) => {
      doc.afterHoursRoster = [
        { validFrom: '2026-10-01', people: ['w04', 'w02'] },
        { validTo: '2026-09-30', people: ['w02', 'w03'] },
      ];
    });
    expect((await cli('staff', 'load', path)).code).toBe(0);
    const night = async (date: string) => (JSON.parse((await cli('roster', 'after-hours', '--date', date, '--json')).out) as { members: { id: string }[] }).members.map((m) => m.id);
    expect(await night('2026-09-30')).toEqual(['w02', 'w03']);
    expect(await night('2026-10-01')).toEqual(['w04', 'w02']);
    const again = await cli('staff', 'load', path, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ changedSections: [], unchanged: expect.any(Array) });
  });

  it('sees a reload as unchanged whatever characters the ids use', async () => {
    const path = editedExample((doc) => {
      for (const id of ['w-1', 'w_1', 'w1a']) doc.people.push({ id, affiliation: 'contractor', name: '記号 確認', phone: '090-0000-0009' });
      doc.defaultStaffing = { workers: ['w1a', 'w_1', 'w-1', 'w01'], supervisors: ['w01'] };
    });
    expect((await cli('staff', 'load', path)).code).toBe(0);
    const again = JSON.parse((await cli('staff', 'load', path, '--json')).out) as { changedSections: string[]; unchanged: string[] };
    expect(again.changedSections).toEqual([]);
    expect(again.unchanged).toHaveLength(10);
  });

  it('reports every error of a broken file with its path and line, and writes nothing', async () => {
    const r = await cli('staff', 'load', `${FIXTURES}/broken-fields.yaml`);
    expect(r.code).toBe(1);
    expect(r.err).toContain('職員ファイルに 8 件の誤りがあります');
    expect(r.err).toContain('people[1].id: ID は英小文字で始まる');
    expect(r.err).toContain('people[1].affiliation: 次のいずれかを指定してください: contractor, bureau (10行目)');
    expect(r.err).toContain('people[2].phone: 電話番号の形式が正しくありません (16行目)');
    expect(r.err).toContain('people[2].idCard.number: 文字列で指定してください');
    expect(r.err).toContain('people[2].idCard.expiresOn: 日付は実在する日付を YYYY-MM-DD で指定してください');
    expect(r.err).toContain('people[2]: 不明な項目があります: canSuperviser (18行目)');
    expect(r.err).toContain('contactCharts.doubt[0].ackTimeoutMinutes: 応答待ち時間 (分) は 1〜1440 の整数で指定してください');
    expect(r.err).toContain('contactCharts.incident: 必須の項目です');
    expect(await t.db.read.person.count()).toBe(0);
  });

  it('cross-checks references, identities and ranges all at once', async () => {
    const r = await cli('staff', 'load', `${FIXTURES}/broken-references.yaml`);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toContain('11 件の誤り');
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual([
      'people[1].chat.slack',
      'people[2].id',
      'people[3].canSupervise',
      'defaultStaffing.workers[2]',
      'defaultStaffing.supervisors[0]',
      'defaultStaffing.supervisors[1]',
      'afterHoursRoster[0].validTo',
      'afterHoursRoster[1].people[1]',
      'afterHoursRoster[0].people[0]',
      'contactCharts.doubt[1].target',
      'contactCharts.incident[1].target',
    ]);
    expect(r.err).toContain('チャットID UW01 は w01 にも登録されています');
    expect(r.err).toContain('w01 は業務責任者になれません');
  });

  it('explains YAML syntax errors and unreadable files', async () => {
    const syntax = await cli('staff', 'load', `${FIXTURES}/syntax-error.yaml`);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/YAML の書式エラー \(\d+行目 \d+列目\)/);
    const missing = await cli('staff', 'load', join(t.dir, 'none.yaml'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('を読めません');
  });
});

describe('staff file parsing', () => {
  it('turns the example into the directory the loader applies', () => {
    const dir = parseStaffFile(readFileSync(EXAMPLE, 'utf8'), PLATFORM_MODULES);
    expect(dir.people.map((p) => p.id)).toEqual(['w01', 'w02', 'w03', 'w04', 'w05', 'w06', 'c01']);
    expect(dir.people[0]).toMatchObject({ canSupervise: true, isAdmin: true, chat: { slack: 'UW01', console: 'w01' }, active: true });
    expect(dir.afterHoursRoster).toEqual([{ validFrom: null, validTo: null, personIds: ['w02', 'w03'] }]);
    expect(dir.contactCharts.doubt[1]).toEqual({ target: { kind: 'person', personId: 'c01' }, ackTimeoutMinutes: 15 });
    expect(dir.channels).toEqual([{ key: 'bureau', platform: 'slack', address: 'C0BUREAU' }]);
  });

  it('accepts a byte-order mark and half-width kana, refuses a file that is not a mapping', () => {
    const text = `\uFEFF${readFileSync(EXAMPLE, 'utf8').replace('カクウ タロウ', 'ｶｸｳ ﾀﾛｳ')}`;
    expect(parseStaffFile(text, PLATFORM_MODULES).people[0]?.nameKana).toBe('ｶｸｳ ﾀﾛｳ');
    expect(() => parseStaffFile('- a\n- b\n', PLATFORM_MODULES)).toThrow(/項目の集まり/);
  });
});

describe('kaiheisen staff list', () => {
  it('shows roles and identities with phone numbers masked', async () => {
    await cli('staff', 'load', EXAMPLE);
    const r = await cli('staff', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/w01 {2}受注者 {2}架空 太郎 {2}090-\*\*\*\*-0001 {2}業務責任者可,管理者,管理責任者 {2}slack:UW01 console:w01 {2}有効/);
    expect(r.out).not.toContain('090-0000-');
    const json = JSON.parse((await cli('staff', 'list', '--json')).out) as { people: { id: string; phone: string }[] };
    expect(json.people.map((p) => p.phone)).toContain('090-****-0101');
    expect(JSON.stringify(json)).not.toMatch(/090-0000|KS-20/);
  });

  it('flags ID cards that expire within 30 days or have expired (spec 9(4))', async () => {
    await cli('staff', 'load', EXAMPLE);
    const list = async (at: string) => {
      const clock = new VirtualClock(at);
      const { entries } = await listStaff({ staff: createStaffStore(t.db, clock), clock });
      return Object.fromEntries(entries.map((e) => [e.person.id, e.idCard.state]));
    };
    expect(await list('2026-03-01T00:00:00Z')).toMatchObject({ w05: 'ok', w01: 'ok', c01: 'none' });
    expect(await list('2026-03-27T00:00:00Z')).toMatchObject({ w05: 'expiringSoon', w01: 'ok' });
    expect(await list('2026-04-16T00:00:00Z')).toMatchObject({ w05: 'expired', w01: 'ok' });
  });
});
