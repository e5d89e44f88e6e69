import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { givePasswords, runCliAs } from '../../support/operator.ts';

/**
 * The bureau loads the staff file, but cannot grant itself or anyone a role or an identity through it (security
 * annex art. 18, 19; roles.ts grantRoles): the whole load is refused, nothing written, the refusal audited with the
 * real operator. examples/staff.yaml: w01 admin, w02 may supervise, c01 bureau, w03–w06 workers.
 */
let t: TempDatabase;
beforeEach(async () => {
  t = await tempDatabase();
  const first = await runCliAs(t.url, 'nobody', ['staff', 'load', 'examples/staff.yaml']);
  expect(first.code, first.err).toBe(0); // the first load of a fresh database needs no operator
  await givePasswords(t.db, ['w01', 'c01', 'w03']);
});
afterEach(async () => t.dispose());

type Person = Record<string, unknown> & { id: string };
type StaffDoc = { people: Person[]; defaultStaffing: { workers: string[]; supervisors: string[] } };

/** examples/staff.yaml changed by `edit`, written into the test's folder. */
function staffFile(name: string, edit: (doc: StaffDoc) => void): string {
  const doc = parse(readFileSync('examples/staff.yaml', 'utf8')) as StaffDoc;
  edit(doc);
  const path = join(t.dir, `${name}.yaml`);
  writeFileSync(path, stringify(doc));
  return path;
}
const personIn = (doc: StaffDoc, id: string) => doc.people.find((p) => p.id === id)!;
const stored = (id: string) => t.db.read.person.findUniqueOrThrow({ where: { id } });
const refusals = () => t.db.read.auditLog.findMany({ where: { action: 'operator.refused', entityId: 'grantRoles' }, orderBy: { id: 'asc' } });

describe('staff load: roles and identities are an admin\'s to change', () => {
  it('the bureau making itself admin is refused whole: nothing written, each person and field named, audited as c01', async () => {
    const file = staffFile('escalate', (doc) => {
      personIn(doc, 'c01').isAdmin = true;
      personIn(doc, 'w03').osUser = 'kw03';
      personIn(doc, 'w04').phone = '090-9999-0004'; // a change the bureau may make, refused with the rest
      doc.people.push({ id: 'a02', affiliation: 'contractor', name: '新任 管理', phone: '090-0000-0099', isAdmin: true });
    });
    const before = await t.db.read.auditLog.count();
    for (const argv of [['staff', 'load', file, '--dry-run'], ['staff', 'load', file]]) {
      const r = await runCliAs(t.url, 'c01', argv);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain('c01 さんは管理者ではありません');
      expect(r.err).toContain('c01 想定 一郎: isAdmin');
      expect(r.err).toContain('w03 試験 花子: osUser');
      expect(r.err).toContain('a02 新任 管理: isAdmin');
      expect(r.err).not.toContain('w04');
    }
    expect((await stored('c01')).isAdmin).toBe(false);
    expect((await stored('w03')).osUser).toBeNull();
    expect(await t.db.read.person.count({ where: { id: 'a02' } })).toBe(0);
    // The refusals (and their operator.allowed for the load itself) are all that was written.
    const rows = await t.db.read.auditLog.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
    expect(rows.map((a) => [a.action, a.actorId, a.entityId])).toEqual([
      ['operator.allowed', 'c01', 'changeContactChart'], ['operator.refused', 'c01', 'grantRoles'],
      ['operator.allowed', 'c01', 'changeContactChart'], ['operator.refused', 'c01', 'grantRoles'],
    ]);
    const changes = (JSON.parse(rows[1]!.after!) as { changes: { id: string; fields: string[] }[] }).changes;
    expect(changes.map((c) => `${c.id}:${c.fields.join()}`).sort()).toEqual(['a02:isAdmin', 'c01:isAdmin', 'w03:osUser']);
    expect(rows[1]!.after).not.toContain('想定'); // ids and fields, never names
    // Not admin, so the admin's commands stay refused.
    expect((await runCliAs(t.url, 'c01', ['export', '--out', join(t.dir, 'handover')])).code).toBe(1);
  });

  it('supervision, the chat id of an admin, and ending the admin are refused too', async () => {
    const cases: [string, (doc: StaffDoc) => void, string][] = [
      ['supervise', (doc) => void (personIn(doc, 'w03').canSupervise = true), 'w03 試験 花子: canSupervise'],
      // The bureau taking the admin's Slack account: acting as the admin in chat.
      ['chat', (doc) => void ((personIn(doc, 'w01').chat = { console: 'w01' }), (personIn(doc, 'c01').chat = { slack: 'UW01', console: 'c01' })), 'w01 架空 太郎: chat'],
      ['bureau', (doc) => void doc.people.push({ id: 'c02', affiliation: 'bureau', name: '同僚 二郎', phone: '090-0000-0102' }), 'c02 同僚 二郎: affiliation'],
      ['no-admin', (doc) => {
        doc.people = doc.people.filter((p) => p.id !== 'w01');
        doc.defaultStaffing = { workers: doc.defaultStaffing.workers.filter((id) => id !== 'w01'), supervisors: ['w02'] };
      }, 'w01 架空 太郎: active (有効・無効の切り替え)'],
    ];
    for (const [name, edit, line] of cases) {
      const r = await runCliAs(t.url, 'c01', ['staff', 'load', staffFile(name, edit)]);
      expect(r.code, name).toBe(1);
      expect(r.err).toContain(line);
    }
    expect(await refusals()).toHaveLength(cases.length);
    expect((await stored('w01')).active).toBe(true);
  });

  it('the bureau still loads what grants nothing: a phone, a new worker, a worker leaving, a worker\'s chat id', async () => {
    const file = staffFile('ordinary', (doc) => {
      personIn(doc, 'w04').phone = '090-9999-0004';
      personIn(doc, 'w05').chat = { slack: 'UW05B', console: 'w05' };
      doc.people = doc.people.filter((p) => p.id !== 'w06');
      doc.defaultStaffing.workers = doc.defaultStaffing.workers.filter((id) => id !== 'w06');
      doc.people.push({ id: 'w07', affiliation: 'contractor', name: '新人 七子', phone: '090-0000-0007' });
    });
    const r = await runCliAs(t.url, 'c01', ['staff', 'load', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('追加 1 名 / 更新 2 名');
    expect((await stored('w06')).active).toBe(false);
    expect(await refusals()).toEqual([]);
  });

  it('an admin grants the same roles, audited as the admin', async () => {
    const file = staffFile('grant', (doc) => {
      personIn(doc, 'c01').isAdmin = true;
      personIn(doc, 'w03').osUser = 'kw03';
    });
    const r = await runCliAs(t.url, 'w01', ['staff', 'load', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('更新: c01 (isAdmin)');
    expect((await stored('c01')).isAdmin).toBe(true);
    const updates = await t.db.read.auditLog.findMany({ where: { action: 'person.update' } });
    expect(updates.map((a) => [a.entityId, a.actorId])).toEqual([['w03', 'w01'], ['c01', 'w01']]);
  });

  it('a worker is refused the load itself, as before', async () => {
    const r = await runCliAs(t.url, 'w03', ['staff', 'load', 'examples/staff.yaml']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('w03 さんには「職員ファイル (連絡体制表) の読み込み」の権限がありません');
  });
});

describe('staff load with no admin yet', () => {
  it('with no admin in the directory, the bureau running as the database file\'s owner names the first one (as for the first password)', async () => {
    // A directory whose admin was never named: w01 not admin. The test process owns the database file.
    await t.db.write((tx) => tx.person.update({ where: { id: 'w01' }, data: { isAdmin: false } }));
    const file = staffFile('first-admin', (doc) => void (personIn(doc, 'c01').isAdmin = true));
    const r = await runCliAs(t.url, 'c01', ['staff', 'load', file]);
    expect(r.code, r.err).toBe(0);
    expect((await stored('c01')).isAdmin).toBe(true);
    expect(await t.db.read.auditLog.count({ where: { action: 'person.update', entityId: 'c01', actorId: 'c01' } })).toBe(1);
  });
});
