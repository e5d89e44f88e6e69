import { request } from 'node:http';
import { createServer } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALL_PLATFORMS_ENV, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';
import { answerWithin } from './http-probe.ts';

/** What a new operator found by hand on the assembled bot, each kept from coming back. */
let slack: ReturnType<typeof fakeSlackApi>;
let a: AssembledBot;
const errors: unknown[][] = [];

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
  blockNetwork();
  slack = fakeSlackApi(() => undefined);
  a = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '09:10' } });
});
afterAll(async () => {
  await a.dispose();
  slack.dispose();
  nock.cleanAll();
  nock.enableNetConnect();
  vi.restoreAllMocks();
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A large body sent the way curl sends it: `Expect: 100-continue`, the body only after the server says so. */
function postExpecting(url: string, bytes: number): Promise<{ status: number; bodySent: boolean }> {
  return new Promise((resolve, reject) => {
    let bodySent = false;
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(bytes), expect: '100-continue' } });
    req.on('continue', () => {
      bodySent = true;
      req.end(Buffer.alloc(bytes, 0x20));
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, bodySent });
      req.destroy();
    });
    req.on('error', reject);
    const timer = setTimeout(() => req.destroy(new Error('no answer within 2 s')), 2_000);
    req.on('close', () => clearTimeout(timer));
  });
}

describe('the assembled bot, as a new operator tried it', () => {
  it('refuses a Teams token signed with alg "none" or not a JWT at all with 401, at once, without a body or a stack trace', async () => {
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ aud: 'x', iss: 'https://api.botframework.com' })}.`;
    for (const authorization of [`Bearer ${none}`, 'Bearer junk', 'Basic dXNlcjpwYXNz']) {
      const before = errors.length;
      const answer = await answerWithin(`${a.base}/api/messages`, { headers: { 'content-type': 'application/json', authorization }, body: '{"type":"message"}' });
      expect([answer.status, answer.body]).toEqual([401, '']);
      expect(errors.length).toBe(before);
    }
  });

  it('refuses an oversized body announced with Expect: 100-continue before the client sends it', async () => {
    for (const path of ['/api/messages', '/slack/events', '/webhooks/complaints']) {
      expect(await postExpecting(`${a.base}${path}`, 5 * 1024 * 1024)).toEqual({ status: 413, bodySent: false });
    }
    // Within the limit, the client is told to go on and the request is handled as usual (here: unsigned → 401).
    expect(await postExpecting(`${a.base}/slack/events`, 1_000)).toEqual({ status: 401, bodySent: true });
  });

  it('says in Japanese that the port is taken, instead of an unexpected error', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '0.0.0.0', () => resolve((blocker.address() as { port: number }).port)));
    try {
      await expect(startAssembledBot({ env: { ...ALL_PLATFORMS_ENV, KAIHEISEN_LOAD_EXAMPLES: 'false' }, port })).rejects.toThrow(`HTTP ポート ${port} は別のプロセスが使用中です`);
    } finally {
      blocker.close();
    }
  });

  it('loads no examples into a database when the platform configuration is refused', async () => {
    const { SLACK_SIGNING_SECRET: _secret, ...withoutSecret } = ALL_PLATFORMS_ENV;
    await expect(startAssembledBot({ env: withoutSecret, databaseUrl: a.databaseUrl.replace('bot.db', 'refused.db') })).rejects.toThrow('SLACK_SIGNING_SECRET');
    const again = await startAssembledBot({ env: { KAIHEISEN_LOAD_EXAMPLES: 'false' }, databaseUrl: a.databaseUrl.replace('bot.db', 'refused.db'), console: true });
    try {
      expect(await again.ctx.db.read.workOrder.count()).toBe(0);
      expect(await again.ctx.db.read.person.count()).toBe(0);
    } finally {
      await again.stop();
    }
  });
});
