import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TEST_KEY_ENV } from './test-cipher.ts';

/**
 * `node bin/kaiheisen.mjs start` as a child process (Slack over HTTP), and a stand-in for the Slack Web API on
 * loopback that it calls through SLACK_API_URL. Synthetic ids only; no traffic leaves 127.0.0.1.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Settings of the test process that must not leak into the child. */
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_|INBOX_|READY_)/;

export const PROCESS_SLACK_SECRET = 'child-process-signing-secret';

export interface PostedMessage {
  channel: string;
  text: string;
  /** Arrival order at the stand-in, across every process. */
  seq: number;
  /** When it arrived (ms since the epoch, fractional: comparable with another process's performance.timeOrigin + now()). */
  at?: number;
  ts?: string;
  /** The bot's message marker (event_payload: nonce, part): how an outbox finds a post whose answer was lost. */
  metadata?: unknown;
}

export interface SlackStandIn {
  /** For SLACK_API_URL. */
  url: string;
  /** Posts it took, in order. */
  posts: PostedMessage[];
  textsTo(channel: string): string[];
  /** Channels whose posts get 429 with a Retry-After of an hour (Slack down for them), and the posts so refused. */
  refusing: Set<string>;
  refused: PostedMessage[];
  /** chat.update calls on posted messages (seq and ts of the message updated, its new text). */
  updates: PostedMessage[];
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

async function formOf(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw.startsWith('{') ? (JSON.parse(raw) as Record<string, string>) : Object.fromEntries(new URLSearchParams(raw));
}

/** The Web API calls the bot makes; chat.postMessage answers after `postDelayMs` (a slow platform). */
export async function slackWebApiStandIn(o: { postDelayMs?: number } = {}): Promise<SlackStandIn> {
  const posts: PostedMessage[] = [];
  const refusing = new Set<string>();
  const refused: PostedMessage[] = [];
  const updates: PostedMessage[] = [];
  let ts = 1774569600;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await formOf(req);
      const method = (req.url ?? '').split('/').pop()!;
      const reply = (value: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...value }));
      if (method === 'auth.test') return reply({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0KAIHEI1' });
      if (method === 'conversations.open') return reply({ channel: { id: `D${body.users}` } });
      if (method === 'conversations.history') {
        const held = posts.filter((p) => p.channel === body.channel).reverse();
        return reply({ messages: held.map((p) => ({ type: 'message', ts: p.ts, text: p.text, metadata: p.metadata })) });
      }
      if (method === 'chat.postMessage' && refusing.has(body.channel!)) {
        refused.push({ channel: body.channel!, text: body.text ?? '', seq: refused.length + 1 });
        return void res.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      if (method === 'chat.postMessage') {
        const answer = { channel: body.channel, ts: `${++ts}.000100` };
        const metadata = typeof body.metadata === 'string' ? (JSON.parse(body.metadata) as unknown) : body.metadata;
        const at = performance.timeOrigin + performance.now();
        posts.push({ channel: body.channel!, text: body.text ?? '', seq: posts.length + 1, ts: answer.ts, metadata, at });
        return void setTimeout(() => reply(answer), o.postDelayMs ?? 0);
      }
      if (method === 'chat.update') {
        const held = posts.find((p) => p.channel === body.channel && p.ts === body.ts);
        if (held) updates.push({ channel: held.channel, text: body.text ?? '', seq: held.seq, ts: held.ts });
      }
      return reply({ channel: body.channel, ts: body.ts });
    })();
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    posts,
    textsTo: (channel) => posts.filter((p) => p.channel === channel).map((p) => p.text),
    refusing,
    refused,
    updates,
    // A killed bot leaves its keep-alive connections open: they would hold the close.
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export interface BotProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** stdout and stderr so far (JSON log lines included). */
  output(): string;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The wall-clock daily posts (assignment, morning post, end-of-day prompt) at a time not due within the next hour (capped at
 * 23:59), so that none goes out while a test runs: a post due then would reach the same workers, and a worker's
 * later messages wait behind a post whose delivery failed (outbox order), which is not what these tests are about.
 */
function quietDailyPosts(now = new Date()): Record<string, string> {
  const tokyo = new Date(now.getTime() + 9 * 3_600_000);
  const minutes = Math.min(tokyo.getUTCHours() * 60 + tokyo.getUTCMinutes() + 60, 23 * 60 + 59);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const at = hhmm(minutes);
  // The daily assignment must come before the morning post (config check): a minute before it.
  return { ASSIGN_TIME: hhmm(minutes - 1), MORNING_POST_TIME: at, DAY_END_PROMPT_TIME: at };
}

/** Starts `kaiheisen start` with Slack over HTTP on a free port; resolves once it listens. */
export async function startBotProcess(o: { databaseUrl: string; slackApiUrl: string; env?: Record<string, string> }): Promise<BotProcess> {
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const env = {
    ...inherited,
    SLACK_BOT_TOKEN: 'xoxb-child-process-0001',
    SLACK_SIGNING_SECRET: PROCESS_SLACK_SECRET,
    SLACK_MODE: 'http',
    SLACK_API_URL: o.slackApiUrl,
    PORT: String(port),
    DATABASE_URL: o.databaseUrl,
    KAIHEISEN_LOG_LEVEL: 'warn',
    ...TEST_KEY_ENV,
    ...quietDailyPosts(),
    ...o.env,
  };
  const child = spawn(process.execPath, ['bin/kaiheisen.mjs', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => output.includes(`HTTP ポート ${port} で受信しています`) && (done(), resolve());
    const timer = setInterval(check, 20);
    const done = () => clearInterval(timer);
    void exited.then((code) => (done(), reject(new Error(`kaiheisen exited (${code}) before listening:\n${output}`))));
  });
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `kaiheisen start ARGS` on the console (no Slack/Teams settings) with `input` piped to stdin; its exit code and output. */
export async function runConsoleProcess(o: { databaseUrl: string; args: string[]; input: string; env?: Record<string, string> }): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const env = { ...inherited, DATABASE_URL: o.databaseUrl, KAIHEISEN_LOG_LEVEL: 'warn', ...o.env };
  const child = spawn(process.execPath, ['bin/kaiheisen.mjs', 'start', ...o.args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdin!.end(o.input);
  return { code: await exited, output };
}
