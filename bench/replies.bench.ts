/**
 * `npm run bench -- replies [--seconds 15] [--rps 5] [--stall-ms 0] [--diagnose]`
 * Workers' result replies (「0012 開栓完了 指針1186」) into the bot as production runs it, processed for real, each
 * answered in Slack. Three kinds of process, on loopback only:
 * - the bot: `kaiheisen start` (test/support/bot-process.ts) with Slack in HTTP mode (signing secret, bot token), a data
 *   key (the database is encrypted), a temp SQLite file, and the Web API pointed at a stand-in in this process that
 *   takes and timestamps every post. On the empty database it loads the examples: a day of 40 orders assigned to the
 *   workers, each mapped to a Slack user id. Each event sent is a real result for a real order of its sender (the
 *   order's kind, its previous reading), which the bot resolves, echoes and asks to confirm (はい / いいえ); the
 *   conversation is left open, so the next result of that worker starts afresh and every event gets one answer.
 * - the load generator (bench/ack-load.ts): open loop at a fixed rate, signed requests, unique event_ids, the ack time
 *   of each; it writes its per-event records to a file at the end.
 * - the floor (bench/bolt-floor.ts): a bare Bolt app (HTTPReceiver) that acks at once and answers each event with one
 *   say() to the same stand-in; nothing stored, nothing processed.
 * The runs are sequential, the floor first, each with the same messages, rate and length, each after a 2 s warm-up
 * (the bot's warm-up drained first). Not alternating blocks: the bot's backlog keeps it busy after its block, which
 * would load the floor's next block. Figures per run: ack p50/p99/max, offered vs acked req/s, and end to end, from
 * sending an event to its answer reaching the stand-in, p50/p99/max. For the bot also: the backlog (acked, not yet
 * processed) when the last ack came back, then, once drained (bounded), each event_id stored once and processed once
 * (attempts), none lost, and answers per event. `--stall-ms N`: the bot is stopped (SIGSTOP) N ms halfway through
 * the run, then continued (SIGCONT), as a blocked event loop would: it must show in p99/max (the proof that a stall
 * cannot hide). `--diagnose`: the bot's event-loop delay and request-to-answer time each second, as it sees them
 * (bench/bot-probe.mjs preloaded), to tell a stall of the bot from the machine's. Default 5 events/s for 15 s: what the bot works off without a growing backlog on a shared 2-core
 * machine (above its processing rate the backlog and send→answer grow through the run, and the figures say so).
 * Last line: one JSON object; `ratio` = the bot's ack p99 ÷ the floor's.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/adapters/db/open-database.ts';
import type { Database } from '../src/adapters/db/database.ts';
import { PROCESS_SLACK_SECRET, slackWebApiStandIn, startBotProcess, type SlackStandIn } from '../test/support/bot-process.ts';
import { testCipher } from '../test/support/test-cipher.ts';
import { runLoad, type LoadMessage } from './ack-load.ts';
import { exited, generate, resultMessages, startFloor, until, type CleanUps } from './replies-setup.ts';
import { backlog, botAnswers, cpuMsOf, floorAnswers, inboxCheck, runFigures, type RunFigures } from './replies-figures.ts';

const arg = (name: string, fallback: number, max: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i > 0 ? Number(process.argv[i + 1]) : fallback;
  return Math.min(Number.isFinite(n) && n >= 0 ? n : fallback, max);
};
const SECONDS = Math.max(arg('seconds', 15, 60), 1);
const RPS = Math.max(arg('rps', 5, 200), 1);
const STALL_MS = arg('stall-ms', 0, 10_000);
/** --diagnose: the bot's own view of each second of the run (bench/bot-probe.mjs), to tell its stalls from the machine's. */
const DIAGNOSE = process.argv.includes('--diagnose');
const PROBE = fileURLToPath(new URL('./bot-probe.mjs', import.meta.url));
const WARM_SECONDS = 2;
/** How long the backlog may take to drain, and the answers to arrive, before the run is reported as not drained. */
const DRAIN_BOUND_MS = 60_000;
const FLOOR = 'bare Bolt app (HTTPReceiver, acks at once, one say() per event to the same stand-in), own process';

/** Undone at the end, last first. */
const cleanups: CleanUps = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length) await cleanups.pop()!().catch((e: Error) => console.error(`clean-up: ${e.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

/** A run's figures, and the CPU time its process used per event acked (from the run's start until every answer was in). */
type Measured = RunFigures & { cpuMsPerEvent: number | null };

function cpuPerEvent(before: number | undefined, after: number | undefined, events: number): number | null {
  return before === undefined || after === undefined || events === 0 ? null : Math.round(((after - before) / events) * 10) / 10;
}

async function floorRun(stand: SlackStandIn, messagesFile: string, dir: string): Promise<Measured> {
  const floor = await startFloor(stand.url, cleanups);
  await runLoad({ url: floor.url, rps: RPS, seconds: WARM_SECONDS, secret: PROCESS_SLACK_SECRET, tag: 'FloorWarm' });
  const cpu = cpuMsOf(floor.child.pid);
  const { figures, events } = await generate({ url: floor.url, tag: 'Floor', rps: RPS, seconds: SECONDS, messagesFile, dir }, cleanups);
  await until(() => floorAnswers(stand.posts).size >= figures.acked, 10_000);
  const cpuMsPerEvent = cpuPerEvent(cpu, cpuMsOf(floor.child.pid), figures.acked);
  floor.child.kill('SIGTERM');
  await exited(floor.child);
  return { ...runFigures(events, SECONDS, floorAnswers(stand.posts)), cpuMsPerEvent };
}

type BotRun = Measured & {
  backlogAtEnd: number;
  drained: boolean;
  check: Awaited<ReturnType<typeof inboxCheck>>;
  /** First answers that are the confirmation question (the result understood and echoed). */
  confirmQuestions: number;
  /** The slowest ack of each second of sending. */
  perSecondMaxMs: number[];
};

async function botRun(db: Database, bot: ChildProcess, stand: SlackStandIn, messages: LoadMessage[], messagesFile: string, dir: string, url: string): Promise<BotRun> {
  const warm = await runLoad({ url, rps: RPS, seconds: WARM_SECONDS, secret: PROCESS_SLACK_SECRET, tag: 'Warm', messages });
  await until(async () => (await backlog(db, 'EvWarm', warm.acked)) === 0, DRAIN_BOUND_MS);
  const cpu = cpuMsOf(bot.pid);
  const probed = probeLines(dir).length;
  const stall = STALL_MS > 0 ? setTimeout(() => stallBot(bot, STALL_MS), (SECONDS * 1000) / 2) : undefined;
  const { figures, events } = await generate({ url, tag: 'Run', rps: RPS, seconds: SECONDS, messagesFile, dir }, cleanups);
  clearTimeout(stall);
  if (DIAGNOSE) console.log(`bot's own view, each second of the run (event-loop delay max / request-to-answer max, ms): ${probeLines(dir).slice(probed).join(' ')}`);
  const backlogAtEnd = await backlog(db, 'EvRun', figures.acked);
  const drained = await until(async () => (await backlog(db, 'EvRun', figures.acked)) === 0, DRAIN_BOUND_MS);
  const check = await inboxCheck(db, 'EvRun', events);
  await until(async () => (await botAnswers(db, stand.posts, 'EvRun')).answers.size >= check.done, 10_000);
  const cpuMsPerEvent = cpuPerEvent(cpu, cpuMsOf(bot.pid), figures.acked);
  const { answers, texts } = await botAnswers(db, stand.posts, 'EvRun');
  const confirmQuestions = [...texts.values()].filter((t) => t.includes('間違いありませんか')).length;
  return { ...runFigures(events, SECONDS, answers), backlogAtEnd, drained, check, confirmQuestions, perSecondMaxMs: figures.perSecondMaxMs, cpuMsPerEvent };
}

const probeLines = (dir: string) => (existsSync(join(dir, 'probe.txt')) ? readFileSync(join(dir, 'probe.txt'), 'utf8').trim().split('\n') : []);

function stallBot(bot: ChildProcess, ms: number): void {
  console.log(`stall: the bot stopped (SIGSTOP) for ${ms} ms`);
  bot.kill('SIGSTOP');
  setTimeout(() => bot.kill('SIGCONT'), ms);
}

const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));
function print(name: string, r: Measured): void {
  console.log(
    `${name.padEnd(6)} offered ${r.sent} (${r.offeredRps}/s) acked ${r.acked} (${r.ackedRps}/s) errors ${r.errors} >3s ${r.over3s}` +
      `  ack p50 ${ms(r.ack.p50Ms)} p99 ${ms(r.ack.p99Ms)} max ${ms(r.ack.maxMs)} ms` +
      `  | answered ${r.answered}: send→answer p50 ${ms(r.e2e.p50Ms)} p99 ${ms(r.e2e.p99Ms)} max ${ms(r.e2e.maxMs)} ms  | CPU ${r.cpuMsPerEvent ?? '-'} ms/event`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-replies-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  const stand = await slackWebApiStandIn();
  cleanups.push(() => stand.close());
  const probe: Record<string, string> = DIAGNOSE ? { NODE_OPTIONS: `--import=${PROBE}`, BOT_PROBE_FILE: join(dir, 'probe.txt') } : {};
  const bot = await startBotProcess({ databaseUrl, slackApiUrl: stand.url, env: { KAIHEISEN_LOG_LEVEL: 'error', ...probe } });
  cleanups.push(async () => (bot.child.kill('SIGCONT'), bot.stop()));
  const db = await openDatabase(databaseUrl, { cipher: testCipher() });
  cleanups.push(() => db.close());
  const messages = await resultMessages(db);
  if (messages.length === 0) throw new Error('no assigned order to send a result for: the examples were not loaded');
  const messagesFile = join(dir, 'messages.json');
  writeFileSync(messagesFile, JSON.stringify(messages));
  console.log(`${RPS} events/s for ${SECONDS} s per run; ${messages.length} results for the day's orders from ${new Set(messages.map((m) => m.user)).size} workers, in turn${STALL_MS ? `; the bot stalled ${STALL_MS} ms halfway` : ''}`);

  const floor = await floorRun(stand, messagesFile, dir);
  print('floor', floor);
  const ours = await botRun(db, bot.child, stand, messages, messagesFile, dir, `${bot.base}/slack/events`);
  print('bot', ours);
  const c = ours.check;
  const processedRps = Math.round((c.done / c.processingSeconds) * 10) / 10;
  console.log(
    `bot inbox: backlog ${ours.backlogAtEnd} when the last ack came back; ${c.stored} stored, ${c.done} done, ${c.failed} failed in ${c.processingSeconds} s` +
      `${ours.drained ? '' : ' (NOT drained)'} (${processedRps}/s); ${ours.answered} answered; lost ${c.lost}, stored twice ${c.storedTwice}, processed twice ${c.processedTwice}, answered twice ${ours.answeredMoreThanOnce}; ${ours.confirmQuestions} answers ask to confirm the reading`,
  );
  if (ours.confirmQuestions < ours.answered) console.log(`NOTE: ${ours.answered - ours.confirmQuestions} answers are not the confirmation question (a refusal?): the results were not all taken`);
  console.log(`bot: slowest ack of each second, ms: ${ours.perSecondMaxMs.join(' ')}`);
  console.log(`bot: slowest send→answer (s after the first send:ms): ${ours.slowestE2e.map(([at, v]) => `${at}:${v}`).join(' ')}`);
  const { slowestE2e: _floorSlowest, ...floorFigures } = floor;
  console.log(
    JSON.stringify({
      name: 'replies',
      rps: RPS,
      seconds: SECONDS,
      stallMs: STALL_MS,
      p50Ms: ours.ack.p50Ms,
      p99Ms: ours.ack.p99Ms,
      maxMs: ours.ack.maxMs,
      floor: FLOOR,
      floorP50Ms: floor.ack.p50Ms,
      floorP99Ms: floor.ack.p99Ms,
      floorMaxMs: floor.ack.maxMs,
      ratio: Math.round((ours.ack.p99Ms / floor.ack.p99Ms) * 100) / 100,
      offered: ours.sent,
      acked: ours.acked,
      ackedRps: ours.ackedRps,
      errors: ours.errors,
      over3s: ours.over3s,
      e2eP50Ms: ours.e2e.p50Ms,
      e2eP99Ms: ours.e2e.p99Ms,
      e2eMaxMs: ours.e2e.maxMs,
      floorE2eP50Ms: floor.e2e.p50Ms,
      floorE2eP99Ms: floor.e2e.p99Ms,
      floorE2eMaxMs: floor.e2e.maxMs,
      processed: c.done,
      processedRps,
      answered: ours.answered,
      backlogAtEnd: ours.backlogAtEnd,
      drained: ours.drained,
      processingSeconds: c.processingSeconds,
      lost: c.lost,
      storedTwice: c.storedTwice,
      processedTwice: c.processedTwice,
      answeredTwice: ours.answeredMoreThanOnce,
      confirmQuestions: ours.confirmQuestions,
      cpuMsPerEvent: ours.cpuMsPerEvent,
      floorCpuMsPerEvent: floor.cpuMsPerEvent,
      floorRun: floorFigures,
    }),
  );
}

try {
  await main();
} finally {
  await cleanUp();
}
