import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PLATFORMS_ENV } from '../../support/assembled-bot.ts';
import { TEST_KEY_ENV } from '../../support/test-cipher.ts';
import { personalActivity } from '../../support/teams-fixtures.ts';
import { answerWithin } from './http-probe.ts';
import { until } from '../../support/until.ts';

/** `node bin/kaiheisen.mjs start` as an operator runs it, with Slack, Teams and the webhook configured. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_)/;

let dir: string;
let slackStandIn: Server;
let child: ChildProcess;
let port: number;
let output = '';

const listenOnLoopback = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

async function freePort(): Promise<number> {
  const probe = createServer();
  const free = await listenOnLoopback(probe);
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

/** Resolves once the child printed `pattern` (stdout or stderr); rejects when it exits first. */
function printed(pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => pattern.test(output) && (resolve(), true);
    if (check()) return;
    const onData = () => void (check() && off());
    const onExit = (code: number | null) => (off(), reject(new Error(`kaiheisen exited (${code}) before printing ${pattern}:\n${output}`)));
    const off = () => {
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', onExit);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-process-'));
  // The Slack Web API stand-in on loopback: auth.test at start, nothing else is called here.
  slackStandIn = createServer((req, res) => {
    req.resume();
    const body = req.url?.endsWith('/auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0KAIHEI1' } : { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  const slackPort = await listenOnLoopback(slackStandIn);
  port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const env = {
    ...inherited,
    ...ALL_PLATFORMS_ENV,
    ...TEST_KEY_ENV,
    SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
    PORT: String(port),
    DATABASE_URL: `file:${join(dir, 'bot.db')}`,
    KAIHEISEN_LOAD_EXAMPLES: 'false',
    KAIHEISEN_LOG_LEVEL: 'warn',
  };
  child = spawn(process.execPath, ['bin/kaiheisen.mjs', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await printed(new RegExp(`HTTP ポート ${port} で受信しています[\\s\\S]*kaiheisen を起動しました`));
  // Started and through its first tick (jobs due at this hour of the wall clock may run then): ready.
  const ready = async () => (await answerWithin(`http://127.0.0.1:${port}/readyz`, { method: 'GET' }, 10_000)).status === 200;
  await until('GET /readyz answers 200', ready, 30_000);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await new Promise((resolve) => slackStandIn?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('kaiheisen start (child process)', () => {
  it('answers an unauthenticated POST /api/messages with 401 within 1 s, and /healthz', async () => {
    const body = JSON.stringify(personalActivity({ text: 'ヘルプ' }));
    const res = await answerWithin(`http://127.0.0.1:${port}/api/messages`, { headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(401);
    const alive = await answerWithin(`http://127.0.0.1:${port}/healthz`, { method: 'GET' });
    expect(alive).toMatchObject({ status: 200, body: '{"status":"ok"}' });
  });

  it('stops cleanly on SIGTERM (exit 0)', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(output).toMatch(/停止しました|stopped/);
  }, 30_000);
});
