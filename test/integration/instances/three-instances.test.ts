import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import type { Database } from '../../../src/adapters/db/database.ts';
import { PROCESS_SLACK_SECRET, slackWebApiStandIn, startBotProcess, type BotProcess, type PostedMessage, type SlackStandIn } from '../../support/bot-process.ts';
import { roundRobinProxy, type RoundRobinProxy } from '../../support/round-robin-proxy.ts';
import { FAKETIME_LIBRARY, SharedFakeClock } from '../../support/shared-fake-clock.ts';
import { messageImEvent, postSigned } from '../../support/slack-requests.ts';
import { TEST_DIALECT, tempDatabaseUrl } from '../../support/temp-db.ts';
import { testCipher } from '../../support/test-cipher.ts';
import { until } from '../../support/until.ts';

/**
 * Several instances are correct: three `kaiheisen start` processes (Slack over HTTP) on one database (PostgreSQL in
 * the PostgreSQL pass, an SQLite file in the first) behind a
 * round-robin balancer, playing a morning on one fake wall clock shared by the three (libfaketime): the morning post,
 * a worker's result, a burst of replies with one process killed in the middle, a doubt escalated when nobody
 * acknowledges, and a complaint before business hours paging the after-hours roster. Every message reaches Slack once
 * and every event is applied once, whichever process took it.
 */
const DAY = '2026-03-27';
const WORDS = ['さくら', 'もみじ', 'つばき', 'あやめ', 'ききょう', 'ぼたん', 'すすき', 'なでしこ', 'かえで', 'ふじ'];
const hintOf = (text: string) => /「(.+?)」は読み取れませんでした/.exec(text)?.[1];
const MINUTE = 60_000;
/** libfaketime drives the shared clock: a machine without it skips this test, except CI, which installs it. */
const runnable = FAKETIME_LIBRARY !== undefined || process.env.CI === 'true';

let dir: string;
let clock: SharedFakeClock;
let stand: SlackStandIn;
let proxy: RoundRobinProxy;
let observer: Database;
let drop: () => Promise<void>;
const processes: BotProcess[] = [];
let eventNo = 0;

/** A worker's direct message (or a channel message), signed with the shared clock's time, through the balancer. */
async function say(user: string, text: string, channel?: string): Promise<void> {
  const base = messageImEvent({ eventId: `Ev0THREE${++eventNo}`, user, text, ts: `${Math.floor(clock.now().getTime() / 1000)}.${String(eventNo).padStart(6, '0')}` });
  const event = channel ? { ...base, event: { ...base.event, channel, channel_type: 'channel' } } : base;
  const res = await postSigned(`${proxy.url}/slack/events`, JSON.stringify(event), { secret: PROCESS_SLACK_SECRET, timestampSec: Math.floor(clock.now().getTime() / 1000) });
  expect(res.status, res.body).toBe(200);
}

/** Moves the shared clock on and waits until every live process tells that time (its HTTP Date header). */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  const target = clock.now().getTime() - 2_000;
  const live = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  await until('every process on the moved clock', async () => {
    const seen = await Promise.all(live.map(async (p) => Date.parse((await fetch(`${p.base}/healthz`)).headers.get('date') ?? '')));
    return seen.every((t) => t >= target);
  }, 10_000, 100);
}

/** An answer to the bot's last question: なし or はい where offered, else its first choice; はい to a confirmation. */
function answerTo(question: string): string {
  const choices = /\(([^()]+ \/ [^()]+)\)\s*$/.exec(question)?.[1]?.split(' / ') ?? [];
  return choices.find((c) => c === 'なし') ?? choices.find((c) => c === 'はい') ?? choices[0] ?? 'はい';
}

/** Answers the bot's questions about a result, one message each (each may reach another process), until it is recorded. */
async function answerUntilRecorded(user: string, recorded: () => Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 8 && !(await recorded()); turn++) {
    const asked = dm(user).length;
    await say(user, answerTo(dm(user).at(-1)?.text ?? ''));
    await until('the next question or the receipt', async () => dm(user).length > asked || (await recorded()), 30_000);
  }
  if (!(await recorded())) throw new Error(`not recorded:\n${dm(user).map((p) => p.text).join('\n---\n')}`);
}

const dm = (user: string): PostedMessage[] => stand.posts.filter((p) => p.channel === `D${user}`);
const markerOf = (p: PostedMessage) => JSON.stringify((p.metadata as { event_payload?: { nonce?: string; part?: number } } | undefined)?.event_payload ?? { seq: p.seq });
const keyOf = (p: PostedMessage) => (p.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

describe.runIf(runnable)(`three bot processes on one ${TEST_DIALECT} database behind a round-robin balancer`, () => {
  beforeAll(async () => {
    if (!FAKETIME_LIBRARY) throw new Error('libfaketime is needed for this test (Debian package faketime; .ci/run installs it)');
    dir = mkdtempSync(join(tmpdir(), 'kaiheisen-three-'));
    const database = await tempDatabaseUrl(dir);
    drop = database.drop;
    clock = new SharedFakeClock(dir, new Date(`${DAY}T08:31:00+09:00`));
    stand = await slackWebApiStandIn();
    const env = { ...clock.env(), ASSIGN_TIME: '08:00', MORNING_POST_TIME: '08:30', DAY_END_PROMPT_TIME: '17:15', SLACK_BUREAU_CHANNEL: 'C0BUREAU' };
    // All three at once on the empty database: the examples are loaded once, the day assigned and posted once.
    processes.push(...(await Promise.all([0, 1, 2].map(() => startBotProcess({ databaseUrl: database.url, slackApiUrl: stand.url, env })))));
    proxy = await roundRobinProxy(() => processes.map((p) => p.base));
    observer = await openDatabase(database.url, { cipher: testCipher() });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await proxy?.close();
    await stand?.close();
    await observer?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts the morning once: the staffing to the bureau, each worker their day', async () => {
    const dayKeys = ['bureau', 'w02', 'w03', 'w04', 'w05', 'w06'].map((who) => `day:${DAY}:${who}`);
    await until('the morning post', () => dayKeys.every((k) => stand.posts.some((p) => keyOf(p) === k)), 60_000);
    expect(await observer.read.workOrder.count()).toBe(40);
    expect(await observer.read.person.count()).toBe(7);
    for (const key of dayKeys) expect(stand.posts.filter((p) => keyOf(p) === key), key).toHaveLength(1);
  }, 90_000);

  it("records a worker's result once, confirmed in two messages that go to different processes", async () => {
    const order = await observer.read.workOrder.findFirstOrThrow({
      where: { scheduledDate: DAY, kind: 'open', previousReading: { not: null }, assignment: { personId: 'w02' } },
      orderBy: { orderNo: 'asc' },
    });
    const reading = String(order.previousReading); // unchanged since the meter was closed: no reason asked
    await say('UW02', `${order.orderNo.slice(-4)} 開栓完了 指針${reading}`);
    await until('the echo of the result', () => dm('UW02').some((p) => p.text.includes(`指針 ${reading}`)), 30_000);
    const recorded = async () => (await observer.read.taskResult.count({ where: { workOrderId: order.id } })) === 1;
    await answerUntilRecorded('UW02', recorded);
  }, 90_000);

  it('answers a burst of replies once each and in order, with one process killed in the middle', async () => {
    for (const [i, word] of WORDS.entries()) {
      if (i === 4) processes[1]!.child.kill('SIGKILL'); // what it stored and claimed is taken over when its leases run out
      await say('UW03', word);
    }
    const answered = () => dm('UW03').map((p) => hintOf(p.text)).filter(Boolean);
    await advance(6 * MINUTE); // past the inbox (45 s) and outbox (5 min) leases of the killed process
    await until('every reply answered', () => answered().length >= WORDS.length, 60_000);
    expect(answered()).toEqual(WORDS);
  }, 120_000);

  it('escalates an unacknowledged doubt once, and pages the after-hours roster once per step for a complaint', async () => {
    const order = await observer.read.workOrder.findFirstOrThrow({ where: { scheduledDate: DAY, assignment: { personId: 'w02' }, result: null }, orderBy: { orderNo: 'asc' } });
    await say('UW02', `${order.orderNo.slice(-4)} 疑義 メーター番号が違う`);
    await until('the doubt at the supervisor', async () => (await observer.read.doubt.count()) === 1 && dm('UW01').some((p) => p.text.includes('疑義')), 30_000);
    await say('UC01', '苦情 水が出ない 金沢市諸江町2丁目2-3', 'C0BUREAU');
    await until('the first page', async () => (await observer.read.complaint.count()) === 1 && dm('UW02').some((p) => p.text.includes('苦情')), 30_000);
    await advance(11 * MINUTE); // past both acknowledgement timeouts (10 min)
    await until('the doubt escalated to the bureau contact', () => dm('UC01').some((p) => p.text.includes('疑義')), 60_000);
    await until('the second page', () => dm('UW03').some((p) => p.text.includes('苦情')), 60_000);
    expect(await observer.read.doubt.count()).toBe(1);
    expect(await observer.read.complaint.count()).toBe(1);
  }, 150_000);

  it('sent every message once and applied every event once; the two survivors stop cleanly', async () => {
    const markers = stand.posts.map(markerOf);
    expect(markers.length).toBeGreaterThan(20);
    expect(new Set(markers).size, 'a message posted twice').toBe(markers.length);
    await until('every event done', async () => (await observer.read.inboundEvent.count({ where: { state: { not: 'done' } } })) === 0, 60_000);
    expect(await observer.read.inboundEvent.count()).toBe(eventNo);
    for (const p of [processes[0]!, processes[2]!]) {
      expect(await p.stop(), p.output()).toBe(0);
      expect(p.output()).not.toMatch(/"level":"error"/);
    }
  }, 90_000);
});
