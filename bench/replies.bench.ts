/**
 * `npm run bench -- replies [--seconds 10] [--rps 100]`
 * Drives signed message.im result replies ("0012 開栓完了 指針1187") through the real HTTP server + Bolt
 * HTTPReceiver + SlackAdapter on loopback, each stored in a temp SQLite InboundEvent table by the chat core's
 * inbox before the 200 goes back; beside it a bare Bolt app answering the same requests (the floor), and the
 * same adapter with an inbound that stores nothing (its own cost apart from storage).
 * Open loop at a fixed rate, in one-second blocks alternating between the two (same background load), after a
 * 3 s warm-up; bounded in count and time; loopback only. Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { openDatabase } from '../src/adapters/db/open-database.ts';
import { createInboxStore } from '../src/adapters/db/inbox-store.ts';
import { HttpServer } from '../src/adapters/http/http-server.ts';
import { createLogger } from '../src/adapters/log/logger.ts';
import { SLACK_EVENTS_PATH, SlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { createInbox } from '../src/application/chat/inbox.ts';
import { messageImEvent, postSigned } from '../test/support/slack-requests.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = Math.min(arg('seconds', 10), 60);
const RPS = Math.min(arg('rps', 100), 500);
const WARMUP_SECONDS = 3;
const SECRET = 'bench-signing-secret';
const logger = createLogger('silent');

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A stand-in Slack Web API on loopback (SLACK_API_URL): auth.test only. */
async function slackStandIn(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'U0BOT0001', bot_id: 'B0BOT0001', team_id: 'T0KAIHEI1' })));
  });
  return { url: `http://127.0.0.1:${await listen(server)}/api/`, server };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]! : NaN;
}

interface Target {
  url: string;
  tag: string;
  latencies: number[];
  errors: number;
  reasons: Set<string>;
  sent: number;
  activeMs: number;
}

interface RunResult {
  p50Ms: number;
  p99Ms: number;
  rps: number;
  errors: number;
}

const target = (url: string, tag: string): Target => ({ url, tag, latencies: [], errors: 0, reasons: new Set(), sent: 0, activeMs: 0 });

/**
 * Sends `rps` requests per second for `seconds` one-second blocks, alternating the targets block by block so both
 * meet the same background load. Open loop: requests leave on schedule, answers are not waited for.
 */
async function drive(targets: Target[], seconds: number, rps: number, agent: Agent): Promise<void> {
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let block = 0; block < seconds * targets.length; block++) {
    const t = targets[block % targets.length]!;
    for (let i = 0; i < rps; i++) {
      const wait = start + block * 1000 + (i * 1000) / rps - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(send(t, agent));
    }
    t.activeMs += 1000;
  }
  await Promise.all(inFlight);
}

function send(t: Target, agent: Agent): Promise<void> {
  const n = t.sent++;
  const orderNo = String(n % 10000).padStart(4, '0');
  const body = JSON.stringify(messageImEvent({ eventId: `Ev${t.tag}${n}`, user: 'U0WORKER1', text: `${orderNo} 開栓完了 指針${1000 + (n % 9000)}` }));
  const sent = performance.now();
  return postSigned(t.url, body, { secret: SECRET, agent }).then(
    (res) => {
      if (res.status === 200) t.latencies.push(performance.now() - sent);
      else fail(t, `HTTP ${res.status}`);
    },
    (e: Error) => fail(t, e.message),
  );
}

function fail(t: Target, reason: string): void {
  t.errors++;
  t.reasons.add(reason);
}

function summarize(t: Target): RunResult {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), rps: (sorted.length * 1000) / t.activeMs, errors: t.errors };
}

async function floorApp(apiUrl: string): Promise<{ url: string; app: App }> {
  const app = new App({
    signingSecret: SECRET,
    token: 'xoxb-bench',
    botId: 'B0BOT0001',
    botUserId: 'U0BOT0001',
    processBeforeResponse: true,
    clientOptions: { slackApiUrl: apiUrl },
    logLevel: LogLevel.ERROR,
  });
  app.event('message', async () => undefined);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  server.keepAliveTimeout = 65_000; // as HttpServer does, so neither side meets the keep-alive close race
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${SLACK_EVENTS_PATH}`, app };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-bench-'));
  const db = await openDatabase(`file:${join(dir, 'bench.db')}`);
  const stand = await slackStandIn();
  const inbox = createInbox({ store: createInboxStore(db), logger, clock: { now: () => new Date() }, owner: 'bench', process: async () => undefined });
  const slack = new SlackAdapter({ mode: 'http', botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: stand.url }, { logger });
  slack.receiveInto(inbox);
  await slack.start();
  const http = new HttpServer({ logger });
  http.register('POST', SLACK_EVENTS_PATH, slack.requestListener);
  const oursUrl = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}${SLACK_EVENTS_PATH}`;
  // The same adapter and server with an inbound that stores nothing: the adapter's own cost, apart from storage.
  const bare = new SlackAdapter({ mode: 'http', botToken: 'xoxb-bench', signingSecret: SECRET, apiUrl: stand.url }, { logger });
  bare.receiveInto({ receive: async () => ({ duplicate: false }) });
  await bare.start();
  const bareHttp = new HttpServer({ logger });
  bareHttp.register('POST', SLACK_EVENTS_PATH, bare.requestListener);
  const bareUrl = `http://127.0.0.1:${await bareHttp.listen(0, '127.0.0.1')}${SLACK_EVENTS_PATH}`;
  const floor = await floorApp(stand.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const count = SECONDS * RPS;
  try {
    await drive([target(floor.url, 'FW'), target(bareUrl, 'AW'), target(oursUrl, 'OW')], WARMUP_SECONDS, RPS, agent);
    const floorTarget = target(floor.url, 'F');
    const adapterTarget = target(bareUrl, 'A');
    const oursTarget = target(oursUrl, 'O');
    await drive([floorTarget, adapterTarget, oursTarget], SECONDS, RPS, agent);
    const bolt = summarize(floorTarget);
    const adapterOnly = summarize(adapterTarget);
    const ours = summarize(oursTarget);
    await inbox.drain();
    const stored = await db.read.inboundEvent.count({ where: { platform: 'slack' } });
    const line = (name: string, r: RunResult) =>
      console.log(`${name.padEnd(22)} p50 ${r.p50Ms.toFixed(2)} ms  p99 ${r.p99Ms.toFixed(2)} ms  ${r.rps.toFixed(1)} req/s  errors ${r.errors}`);
    line('floor (bare Bolt)', bolt);
    line('adapter, no storage', adapterOnly);
    line('replies (stored)', ours);
    for (const t of [floorTarget, adapterTarget, oursTarget]) if (t.reasons.size) console.log(`${t.tag} failures: ${[...t.reasons].join('; ')}`);
    console.log(`InboundEvent rows: ${stored} (expected ${count + WARMUP_SECONDS * RPS})`);
    const round = (x: number) => Math.round(x * 100) / 100;
    console.log(
      JSON.stringify({
        name: 'replies',
        p50Ms: round(ours.p50Ms),
        p99Ms: round(ours.p99Ms),
        rps: round(ours.rps),
        floorP50Ms: round(bolt.p50Ms),
        floorP99Ms: round(bolt.p99Ms),
        ratio: round(ours.p99Ms / bolt.p99Ms),
        adapterOnlyP50Ms: round(adapterOnly.p50Ms),
        adapterOnlyP99Ms: round(adapterOnly.p99Ms),
        requests: count,
        errors: ours.errors,
        stored,
        goal: 'p99<100ms at 100rps, ratio<=2',
      }),
    );
  } finally {
    agent.destroy();
    await floor.app.stop();
    await http.close();
    await bareHttp.close();
    await slack.stop();
    await bare.stop();
    await closeServer(stand.server);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
