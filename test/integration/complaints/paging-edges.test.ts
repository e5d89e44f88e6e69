import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { type Database } from '../../../src/adapters/db/database.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { acknowledgeComplaint } from '../../../src/application/complaints/acknowledge-complaint.ts';
import type { ComplaintDeps } from '../../../src/application/complaints/ports.ts';
import { receiveComplaint } from '../../../src/application/complaints/receive-complaint.ts';
import { runPageStep } from '../../../src/application/complaints/run-paging.ts';
import { complaintWorld, FakePlatform, jst, seedTeam } from '../../support/complaint-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let other: Database | undefined;
afterEach(async () => {
  await other?.close();
  other = undefined;
  await temp?.dispose();
});

const at = (hhmm: string) => jst('2026-01-02', hhmm);

async function setup() {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  const clock = new VirtualClock(at('23:10'));
  return { clock, ...(await complaintWorld(temp.db, clock)) };
}

const receive = (deps: ComplaintDeps) =>
  receiveComplaint(deps, { kind: 'noWater', address: '金沢市広坂1丁目1-1', description: '水が出ない', via: 'chat', actor: { actorId: 'c01', channel: 'slack' } });
const pageRows = () => temp.db.read.page.findMany({ orderBy: { id: 'asc' } });
const rowsOf = async () => (await pageRows()).map((p) => [p.personId, p.round, p.position, p.outcome]);

describe('paging a roster member who cannot be reached', () => {
  it('skips someone without a chat identity at once, with a note on the next page and on the supervisor card', async () => {
    const { deps, platform } = await setup();
    await temp.db.write((tx) => tx.chatIdentity.deleteMany({ where: { personId: 'w02' } }));
    await receive(deps);
    expect(await rowsOf()).toEqual([['w02', 1, 0, 'unreachable'], ['w03', 1, 1, 'sent']]);
    expect(platform.text(platform.latest('UW03', 'complaint:1:page:1:1'))).toContain('仮野 次郎 にはチャットで連絡できなかったため');
    expect(platform.text(platform.latest('UW01', 'complaint:1'))).toContain('チャットで連絡できなかった当番: 仮野 次郎');
    const skipped = await temp.db.read.caseEvent.findMany({ where: { action: 'skipped' } });
    expect(skipped.map((e) => JSON.parse(e.detail!))).toEqual([{ personId: 'w02', reason: 'noChatIdentity' }]);
  });

  it('moves on at once when the platform refuses the person, and says so', async () => {
    const { clock, deps, platform, runner } = await setup();
    await receive(deps);
    platform.refuse.add('UW03');
    clock.set(at('23:20'));
    await runner.tick(clock.now());
    expect(await rowsOf()).toEqual([['w02', 1, 0, 'timed_out'], ['w03', 1, 1, 'unreachable'], ['w02', 2, 0, 'sent']]);
    expect(platform.text(platform.latest('UW02', 'complaint:1:page:2:0'))).toContain('試験 花子 にはチャットで連絡できなかったため');
    const pending = await temp.db.read.durableTimer.findMany({ where: { state: 'pending', kind: 'complaint.page' } });
    expect(pending.map((t) => t.dedupeKey)).toEqual(['complaint:1:page:2:0']);
  });

  it('reaching nobody tells the supervisor and the bureau channel, logs an error and retries later', async () => {
    const { clock, deps, platform, runner, logs } = await setup();
    platform.refuse.add('UW02').add('UW03');
    await receive(deps);
    expect(logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([expect.stringContaining('reaches nobody')]);
    expect(platform.newPosts('UW01', 'complaint:1:notice:nobody')[0]!.view.summary).toContain('電話で当番に連絡してください');
    expect(platform.newPosts('CBUREAU', 'complaint:1:notice:nobody')).toHaveLength(1);
    expect(platform.text(platform.latest('UW01', 'complaint:1'))).toContain('当番の誰にもチャットで連絡できません');
    platform.refuse.clear();
    clock.set(at('23:20'));
    await runner.tick(clock.now());
    expect(platform.newPosts('UW02', 'complaint:1:page:')).toHaveLength(1);
  });
});

describe('acknowledgement racing a paging step', () => {
  it('an acknowledgement between the claim and the decision: no page goes out', async () => {
    const { clock, deps, platform, runnerOn } = await setup();
    const runner = runnerOn(deps);
    await receive(deps);
    const identitiesOf = deps.directory.identitiesOf;
    let acked = false;
    deps.directory = {
      identitiesOf: async (id) => {
        if (!acked) {
          acked = true;
          await acknowledgeComplaint(deps, { actorId: 'w02', channel: 'slack' }, 1);
        }
        return identitiesOf(id);
      },
    };
    clock.set(at('23:20'));
    await runner.tick(clock.now());
    expect(acked).toBe(true);
    expect(platform.newPosts('UW03', 'complaint:1:page:')).toHaveLength(0);
    expect(await rowsOf()).toEqual([['w02', 1, 0, 'acknowledged']]);
  });

  it('an acknowledgement between the decision and the send: the page is cancelled, not sent', async () => {
    const { clock, deps, platform, runnerOn } = await setup();
    const runner = runnerOn(deps);
    await receive(deps);
    const store = deps.complaints;
    let inAck = false;
    deps.complaints = {
      ...store,
      change: async (id, when, decide) => {
        const out = await store.change(id, when, decide);
        const decided = out?.result as { type?: string } | undefined;
        if (!inAck && decided?.type === 'page') {
          inAck = true;
          await acknowledgeComplaint(deps, { actorId: 'w01', channel: 'slack' }, 1);
        }
        return out;
      },
    };
    clock.set(at('23:20'));
    await runner.tick(clock.now());
    expect(inAck).toBe(true);
    expect(platform.newPosts('UW03', 'complaint:1:page:')).toHaveLength(0);
    expect(await rowsOf()).toEqual([['w02', 1, 0, 'timed_out'], ['w03', 1, 1, 'cancelled']]);
    expect(platform.text(platform.latest('UW02', 'complaint:1:page:1:0'))).toContain('対応者: 架空 太郎');
  });
});

describe('two instances on one database', () => {
  it('page once per step, whether their runners tick together or both run the same step', async () => {
    const { clock, deps, runner, platform } = await setup();
    other = await openDatabase(temp.url);
    const second = await complaintWorld(other, clock, 'bot-b', platform);
    await receive(deps);
    for (const time of ['23:20', '23:30', '23:40']) {
      clock.set(at(time));
      await Promise.all([runner.tick(clock.now()), second.runner.tick(clock.now())]);
    }
    expect(await rowsOf()).toEqual([
      ['w02', 1, 0, 'timed_out'],
      ['w03', 1, 1, 'timed_out'],
      ['w02', 2, 0, 'timed_out'],
      ['w03', 2, 1, 'sent'],
    ]);
    expect(platform.posts.filter((p) => !p.update && p.key?.includes(':page:')).map((p) => p.key)).toEqual([
      'complaint:1:page:1:0',
      'complaint:1:page:1:1',
      'complaint:1:page:2:0',
      'complaint:1:page:2:1',
    ]);
    // The same step run by both at once, past the timers: the write funnel and the unique page slot keep it to one.
    clock.set(at('23:50'));
    const from = { round: 2, position: 1 };
    await Promise.all([runPageStep(deps, 1, from, clock.now()), runPageStep(second.deps, 1, from, clock.now())]);
    expect((await rowsOf()).slice(4)).toEqual([['w02', 3, 0, 'sent']]);
    expect(platform.newPosts('UW02', 'complaint:1:page:3:0')).toHaveLength(1);
  });
});

describe('business hours', () => {
  it('notifies the worker who did the linked 開栓 order and the supervisor, not the paging roster', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    const { seedOpenOrder } = await import('../../support/complaint-world.ts');
    await seedOpenOrder(temp.db, { orderNo: '20260325-0001', date: '2026-03-25', address: '石川県金沢市広坂1丁目1-1', customerNumber: '1234567890', assignee: 'w03', doneBy: 'w04' });
    await seedOpenOrder(temp.db, { orderNo: '20260301-0009', date: '2026-03-01', address: '石川県金沢市広坂1丁目1-1', assignee: 'w02' });
    const clock = new VirtualClock(jst('2026-03-27', '10:00'));
    const { deps, platform } = await complaintWorld(temp.db, clock, 'bot-a', new FakePlatform());
    const r = await receiveComplaint(deps, { kind: 'noWater', address: '金沢市広坂１丁目１番１号', description: '開栓後も水が出ない', via: 'chat', actor: { actorId: 'c01', channel: 'slack' } });
    expect(r).toMatchObject({ mode: 'notified', complaint: { state: 'open', order: { orderNo: '20260325-0001', workerId: 'w04' } } });
    expect(platform.text(platform.latest('UW04', 'complaint:1'))).toContain('金沢市広坂1丁目1番1号'); // stored width-folded
    expect(platform.text(platform.latest('UW01', 'complaint:1'))).toContain('"value":"広坂"');
    expect(platform.text(platform.latest('UW01', 'complaint:1'))).toContain('連絡済み: 見本 三郎、架空 太郎');
    expect(platform.posts.filter((p) => p.to === 'UW03' || p.to === 'UW02')).toEqual([]);
    expect(await temp.db.read.page.count()).toBe(0);

    const byNumber = await receiveComplaint(deps, { kind: 'other', customerNumber: '1234-567-890', description: 'メーター付近から音がする', via: 'cli', actor: { actorId: null, channel: 'cli' } });
    expect(byNumber.complaint.order?.orderNo).toBe('20260325-0001');
    expect(JSON.stringify(platform.posts)).not.toContain('1234567890');
    const audit = await temp.db.read.auditLog.findMany({ where: { action: 'complaint.receive' } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('1234567890');
  });

  it('tells the supervisors again when nobody acknowledges, and pages the roster once business hours are over', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    const clock = new VirtualClock(jst('2026-03-27', '17:30'));
    const { deps, platform, runner } = await complaintWorld(temp.db, clock);
    await receiveComplaint(deps, { kind: 'other', address: '金沢市広坂1丁目1-1', description: '水圧が弱い', via: 'chat', actor: { actorId: 'c01', channel: 'slack' } });
    clock.set(jst('2026-03-27', '17:40'));
    await runner.tick(clock.now());
    expect(platform.newPosts('UW01', 'complaint:1:notice:renotify:1')).toHaveLength(1);
    clock.set(jst('2026-03-27', '17:50'));
    await runner.tick(clock.now());
    expect(await deps.complaints.get(1)).toMatchObject({ state: 'paging', pagingNight: '2026-03-27' });
    expect(platform.newPosts('UW02', 'complaint:1:page:1:0')).toHaveLength(1);
  });
});
