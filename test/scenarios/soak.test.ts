import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboundEnvelope } from '../../src/application/chat/ports.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';
import type { DemoFiles } from '../../src/assembly/examples/example-loader.ts';
import { botTestContext, type BotTestContext } from '../support/bot-context.ts';
import { faultPlatform, postedTwice, type FaultPlatform } from '../support/fault-platform.ts';
import { resultLines, slackIdOf, workerIds, writeSoakFiles } from '../support/soak-day.ts';

const DATE = '2026-03-27';
const ORDERS = 450;
const WORKERS = workerIds(20);
const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-soak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Job {
  orderNo: string;
  kind: string;
  previousReading: number | null;
  personId: string;
}

/** The running day: the bot on its context, restartable; what was sent, per worker. */
interface Day {
  t: BotTestContext;
  bot: Bot;
  slack: FaultPlatform;
  files: DemoFiles;
  seq: number;
  sent: Map<string, { done: number; absent: number }>;
  refusedAsRecorded: number;
}

const start = (day: Pick<Day, 't' | 'slack' | 'files'>) =>
  startBot(day.t.ctx, {
    date: DATE, out: () => {}, wallClock: false, instanceId: 'soak', loadExamples: true, demoFiles: day.files,
    platforms: { configured: ['slack'] }, platformFactories: { slack: async () => day.slack },
  });

/** The day's reports in time order: round robin over the workers, each in their visit order. */
async function jobsOf(day: Day): Promise<Job[]> {
  const assigned = await day.t.ctx.db.read.assignment.findMany({ where: { date: DATE }, include: { workOrder: true }, orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }] });
  const queues = new Map<string, Job[]>();
  for (const a of assigned) queues.set(a.personId, [...(queues.get(a.personId) ?? []), { ...a.workOrder, personId: a.personId }]);
  const out: Job[] = [];
  while ([...queues.values()].some((q) => q.length > 0)) for (const q of queues.values()) if (q.length > 0) out.push(q.shift()!);
  return out;
}

const envelope = (day: Day, personId: string, text: string): InboundEnvelope => ({
  platform: 'slack', eventKey: `Ev${++day.seq}`, userRef: slackIdOf(personId), conversationRef: `D${personId}`, receivedAt: day.t.clock.now(), payload: { type: 'text', text },
});

/** Stop, close the database, open it again, start again: what a deploy or a crash-restart at noon does. */
async function restart(day: Day): Promise<void> {
  await day.bot.stop();
  await day.t.ctx.close();
  day.t = await botTestContext(DATE, '12:00', day.t.url);
  day.bot = await start(day);
  expect(day.bot.recovered).toBe(0);
}

/** The worker's two messages, each delivered twice with one event key, the second after the first was answered; every tenth result line sent again afterwards. */
async function report(day: Day, job: Job, again: boolean): Promise<void> {
  for (const text of resultLines(job)) {
    const e = envelope(day, job.personId, text);
    expect((await day.bot.inbox.receive(e)).duplicate).toBe(false);
    expect((await day.bot.inbox.receive(e)).duplicate).toBe(true); // the platform's retry: the same event key
    // The worker reads the echo before answering it: an answer written before its question is not applied to it.
    await day.bot.inbox.drain();
  }
  const tally = day.sent.get(job.personId) ?? { done: 0, absent: 0 };
  tally[job.kind === 'open' ? 'done' : 'absent']++;
  day.sent.set(job.personId, tally);
  if (!again) return;
  await day.bot.inbox.drain();
  const before = day.slack.calls.length;
  await day.bot.inbox.receive(envelope(day, job.personId, resultLines(job)[0]!)); // a new event key: the worker sent it twice
  await day.bot.inbox.drain();
  const reply = day.slack.calls.slice(before).filter((c) => c.to === slackIdOf(job.personId)).map((c) => c.text).join('\n');
  expect(reply).toContain(`${job.orderNo} の結果は記録済みです。`);
  day.refusedAsRecorded++;
}

type Figures = { orders: number; done: number; absent: number; open: number };

async function checkReport(day: Day, reported: number): Promise<void> {
  const db = day.t.ctx.db.read;
  const stored = await db.report.findUniqueOrThrow({ where: { kind_period: { kind: 'daily', period: DATE } } });
  const content = JSON.parse(stored.content) as { source: string; totals: Figures; workers: (Figures & { name: string })[] };
  expect(content).toMatchObject({ source: 'bot', totals: { orders: ORDERS, open: 0 } });
  expect(content.totals.done + content.totals.absent).toBe(reported);
  const nameOf = new Map((await db.person.findMany()).map((p) => [p.id, p.name]));
  expect(content.workers.filter((w) => w.orders > 0)).toHaveLength(day.sent.size);
  for (const [personId, tally] of day.sent) {
    expect(content.workers.find((w) => w.name === nameOf.get(personId))).toMatchObject({ orders: tally.done + tally.absent, ...tally, open: 0 });
  }
}

const minuteOfDay = (i: number, total: number) => 8 * 60 + 45 + Math.floor((i * (8 * 60)) / total); // 08:45 … 16:45
const at = (minute: number) => tokyoInstant(DATE, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);

describe('soak: a March day of 450 orders and 20 workers, every event delivered twice, a restart at noon', () => {
  it('records each result once and the daily report counts what was sent', async () => {
    const started = performance.now();
    const files = writeSoakFiles(dir, DATE, WORKERS, ORDERS);
    const slack = faultPlatform('slack');
    const t = await botTestContext(DATE, '07:30', `file:${join(dir, 'soak.db')}`);
    const day: Day = { t, slack, files, bot: await start({ t, slack, files }), seq: 0, sent: new Map(), refusedAsRecorded: 0 };
    expect(day.bot.demo).toMatchObject({ people: 22, orders: ORDERS, rejected: 0 });
    day.t.clock.set(tokyoInstant(DATE, '08:30'));
    await day.bot.tick(day.t.clock.now());
    expect(slack.calls.filter((c) => c.key === `day:${DATE}:w01`)).toHaveLength(1);

    const jobs = await jobsOf(day);
    let restarted = false;
    for (const [i, job] of jobs.entries()) {
      const minute = minuteOfDay(i, jobs.length);
      if (!restarted && minute >= 12 * 60) restarted = (await restart(day), true);
      day.t.clock.set(at(minute));
      if (i % 20 === 0) await day.bot.tick(day.t.clock.now());
      await report(day, job, i % 10 === 0);
    }
    await day.bot.inbox.drain();
    for (const time of ['17:15', '17:45']) {
      day.t.clock.set(tokyoInstant(DATE, time));
      await day.bot.tick(day.t.clock.now());
    }
    await day.bot.stop();

    const db = day.t.ctx.db.read;
    expect(restarted).toBe(true);
    expect(await db.taskResult.count()).toBe(jobs.length);
    expect((await db.taskResult.groupBy({ by: ['workOrderId'], _count: true })).every((g) => g._count === 1)).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'result.record' } })).toBe(jobs.length);
    expect(await db.inboundEvent.count()).toBe(day.seq);
    expect(await db.inboundEvent.count({ where: { state: { not: 'done' } } })).toBe(0);
    expect(postedTwice(slack.calls)).toEqual([]);
    await checkReport(day, jobs.length);
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    console.info(JSON.stringify({ soak: { orders: ORDERS, reported: jobs.length, workers: day.sent.size, events: day.seq, refusedAsRecorded: day.refusedAsRecorded, platformCalls: slack.calls.length, seconds } }));
    await day.t.dispose();
  }, 180_000);
});
