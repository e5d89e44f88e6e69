import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { acknowledgeComplaint } from '../../../src/application/complaints/acknowledge-complaint.ts';
import { receiveComplaint } from '../../../src/application/complaints/receive-complaint.ts';
import { resolveComplaint } from '../../../src/application/complaints/resolve-complaint.ts';
import type { ComplaintDeps } from '../../../src/application/complaints/ports.ts';
import { complaintWorld, jst, seedTeam, type FakePlatform } from '../../support/complaint-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
afterEach(async () => temp?.dispose());

const NIGHT = '2026-01-02'; // a closed day (12/31–1/3)
const at = (hhmm: string, date = NIGHT) => jst(date, hhmm);

async function setup() {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  const clock = new VirtualClock(at('23:10'));
  return { clock, ...(await complaintWorld(temp.db, clock)) };
}

const receive = (deps: ComplaintDeps) =>
  receiveComplaint(deps, { kind: 'noWater', address: '金沢市広坂1丁目1-1', description: '水が出ない', via: 'chat', actor: { actorId: 'c01', channel: 'slack' } });

const pageRows = () => temp.db.read.page.findMany({ orderBy: { id: 'asc' } });
const pendingTimers = () => temp.db.read.durableTimer.findMany({ where: { state: 'pending' }, orderBy: { dueAt: 'asc' } });
const pagePosts = (p: FakePlatform, user: string) => p.newPosts(user, 'complaint:1:page:');

async function tickAt(clock: VirtualClock, runner: { tick(now: Date): Promise<number> }, when: Date): Promise<number> {
  clock.set(when);
  return runner.tick(when);
}

describe('after-hours paging of a complaint', () => {
  it('pages w02 at 23:10 on 1/2, w03 at the timeout, loops to w02, and an acknowledgement stops it at once', async () => {
    const { clock, deps, platform, runner } = await setup();
    const received = await receive(deps);
    expect(received).toMatchObject({ mode: 'paging', complaint: { id: 1, state: 'paging', pagingNight: NIGHT } });
    expect(pagePosts(platform, 'UW02').map((p) => p.key)).toEqual(['complaint:1:page:1:0']);
    expect(platform.text(platform.latest('UW01', 'complaint:1'))).toContain('呼出中: 仮野 次郎 (1巡目');
    expect(platform.newPosts('CBUREAU', 'complaint:1')).not.toHaveLength(0);

    expect(await tickAt(clock, runner, at('23:19'))).toBe(0);
    await tickAt(clock, runner, at('23:20'));
    expect(pagePosts(platform, 'UW03').map((p) => p.key)).toEqual(['complaint:1:page:1:1']);
    expect(platform.text(platform.latest('UW02', 'complaint:1:page:1:0'))).toContain('応答がなかったため、次の当番を呼び出しています');
    await tickAt(clock, runner, at('23:30'));
    expect(pagePosts(platform, 'UW02').map((p) => p.key)).toEqual(['complaint:1:page:1:0', 'complaint:1:page:2:0']);
    expect((await pageRows()).map((p) => [p.personId, p.round, p.position, p.outcome])).toEqual([
      ['w02', 1, 0, 'timed_out'],
      ['w03', 1, 1, 'timed_out'],
      ['w02', 2, 0, 'sent'],
    ]);

    clock.set(at('23:33'));
    const before = platform.posts.length;
    const ack = await acknowledgeComplaint(deps, { actorId: 'w03', channel: 'slack' }, 1);
    expect(ack.complaint).toMatchObject({ state: 'acknowledged', holderId: 'w03' });
    expect((await pageRows()).map((p) => p.outcome)).toEqual(['timed_out', 'timed_out', 'cancelled']);
    expect((await pendingTimers()).map((t) => t.kind)).toEqual(['complaint.remind']);
    // Every message that showed the complaint was updated in place, on the same ref, to show who has it.
    const afterAck = platform.posts.slice(before);
    for (const [user, key] of [['UW02', 'complaint:1:page:1:0'], ['UW03', 'complaint:1:page:1:1'], ['UW02', 'complaint:1:page:2:0'], ['UW01', 'complaint:1'], ['CBUREAU', 'complaint:1']]) {
      const update = afterAck.find((p) => p.to === user && p.key === key);
      expect(update, `${user} ${key}`).toMatchObject({ update: true });
      expect(platform.text(update)).toContain('対応者: 試験 花子');
      expect(platform.text(update)).not.toContain('complaint.ack');
    }
    expect(afterAck.filter((p) => !p.update).map((p) => [p.to, p.key])).toEqual([
      ['UW01', `complaint:1:notice:ack:${at('23:33').getTime()}`],
      ['CBUREAU', `complaint:1:notice:ack:${at('23:33').getTime()}`],
    ]);

    for (const t of ['23:40', '23:50', '00:10']) await tickAt(clock, runner, t === '00:10' ? at(t, '2026-01-03') : at(t));
    expect(platform.posts.filter((p) => !p.update && p.key?.includes(':page:'))).toHaveLength(3);
  });

  it('reminds the holder of an acknowledged complaint left unresolved, then pages the roster again', async () => {
    const { clock, deps, platform, runner } = await setup();
    await receive(deps);
    clock.set(at('23:12'));
    await acknowledgeComplaint(deps, { actorId: 'w02', channel: 'slack' }, 1);

    await tickAt(clock, runner, at('00:11', '2026-01-03'));
    expect(platform.newPosts('UW02', 'complaint:1:notice:remind')).toHaveLength(0);
    await tickAt(clock, runner, at('00:12', '2026-01-03'));
    const reminder = platform.newPosts('UW02', 'complaint:1:notice:remind');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.view.summary).toContain('解決報告がまだありません');

    await tickAt(clock, runner, at('01:12', '2026-01-03'));
    const complaint = await deps.complaints.get(1);
    expect(complaint).toMatchObject({ state: 'paging', holderId: null, pagingNight: NIGHT });
    expect(pagePosts(platform, 'UW02').map((p) => p.key)).toEqual(['complaint:1:page:1:0', 'complaint:1:page:2:0']);
    expect(platform.newPosts('UW01', 'complaint:1:notice:repage')[0]!.view.summary).toContain('仮野 次郎 さんから解決報告がない');
    // The repage never showed the watchers "nobody reachable".
    const watcherCards = platform.posts.filter((p) => (p.to === 'UW01' || p.to === 'CBUREAU') && p.key === 'complaint:1');
    expect(watcherCards.map((p) => platform.text(p)).join()).not.toContain('誰にもチャットで連絡できません');
    expect(platform.text(platform.latest('CBUREAU', 'complaint:1'))).toContain('呼出中: 仮野 次郎 (2巡目');
    await tickAt(clock, runner, at('01:22', '2026-01-03'));
    expect(pagePosts(platform, 'UW03').map((p) => p.key)).toEqual(['complaint:1:page:2:1']);

    clock.set(at('01:40', '2026-01-03'));
    await resolveComplaint(deps, { actorId: 'w03', channel: 'slack' }, 1, { findings: '宅内の止水栓が閉まっていた', actionTaken: '止水栓を開けて通水を確認' });
    expect(await pendingTimers()).toEqual([]);
    expect(platform.text(platform.latest('UW03', 'complaint:1:page:2:1'))).toContain('原因: 宅内の止水栓が閉まっていた');
    expect(platform.text(platform.latest('CBUREAU', 'complaint:1'))).toContain('解決: 試験 花子');
    const events = await temp.db.read.caseEvent.findMany({ where: { caseType: 'complaint', caseId: 1 }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['received', 'paged', 'acknowledged', 'reminded', 'repaging', 'resolved']));
  });

  it('resumes paging after a restart, from the timers in the database', async () => {
    const { clock, deps } = await setup();
    await receive(deps);
    await temp.db.close();
    const { openDatabase } = await import('../../../src/adapters/db/open-database.ts');
    temp.db = await openDatabase(temp.url);
    const restarted = await complaintWorld(temp.db, clock, 'bot-after-restart');
    await tickAt(clock, restarted.runner, at('23:25')); // overdue since 23:20: runs on the first tick
    expect(pagePosts(restarted.platform, 'UW03').map((p) => p.key)).toEqual(['complaint:1:page:1:1']);
    expect((await pageRows()).map((p) => [p.personId, p.outcome])).toEqual([['w02', 'timed_out'], ['w03', 'sent']]);
  });

  it('sends the page again when the step failed after deciding it (its retry resends, nothing is skipped)', async () => {
    const { clock, deps, platform, runnerOn } = await setup();
    const runner = runnerOn(deps);
    await receive(deps);
    const send = deps.gateway.send;
    let crashes = 1;
    deps.gateway = {
      platforms: deps.gateway.platforms,
      send: async (to, view) => {
        if (view.key === 'complaint:1:page:1:1' && crashes-- > 0) throw new Error('process died while sending');
        return send(to, view);
      },
    };
    await tickAt(clock, runner, at('23:20'));
    expect(pagePosts(platform, 'UW03')).toHaveLength(0);
    expect((await pageRows()).at(-1)).toMatchObject({ personId: 'w03', outcome: 'sending' });
    await tickAt(clock, runner, new Date(at('23:20').getTime() + 30_000)); // the runner's retry
    expect(pagePosts(platform, 'UW03').map((p) => p.key)).toEqual(['complaint:1:page:1:1']);
    expect((await pageRows()).at(-1)).toMatchObject({ personId: 'w03', outcome: 'sent' });
  });
});
