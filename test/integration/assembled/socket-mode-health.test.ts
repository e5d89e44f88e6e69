import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { SocketModeStandIn } from '../../support/socket-mode-stand-in.ts';
import { answerWithin } from './http-probe.ts';

/**
 * Slack in Socket Mode needs no inbound HTTP: the bot runs its HTTP server only when PORT is set, then for
 * /healthz and /readyz alone.
 */
let standIn: SocketModeStandIn;
let a: AssembledBot | undefined;

const socketEnv = () => ({
  SLACK_BOT_TOKEN: 'xoxb-socket-0001',
  SLACK_MODE: 'socket',
  SLACK_APP_TOKEN: 'xapp-1-socket-0001',
  SLACK_API_URL: standIn.apiUrl,
  KAIHEISEN_LOAD_EXAMPLES: 'false',
});

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  standIn = new SocketModeStandIn();
  await standIn.listen();
});
afterEach(async () => {
  await a?.dispose();
  a = undefined;
  await standIn.close();
});

describe('Socket Mode and the health routes', () => {
  it('with PORT set: serves /healthz and /readyz (Slack connected), and nothing else', async () => {
    a = await startAssembledBot({ env: { ...socketEnv(), PORT: '3000' }, at: { date: '2026-03-27', time: '07:00' } });
    expect(a.bot.port).toBeGreaterThan(0);
    await a.bot.tick(a.clock!.now());
    expect(await answerWithin(`${a.base}/healthz`, { method: 'GET' })).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    const ready = await answerWithin(`${a.base}/readyz`, { method: 'GET' }, 5_000);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body).checks.platforms).toMatchObject({ ok: true, slack: { ok: true, detail: 'socket mode: connected' } });
    expect((await answerWithin(`${a.base}/slack/events`, { body: '{}' })).status).toBe(404);
  });

  it('without PORT: no HTTP server at all', async () => {
    a = await startAssembledBot({ env: socketEnv(), at: { date: '2026-03-27', time: '07:00' } });
    expect(a.bot.port).toBeUndefined();
    expect(a.bot.platforms).toEqual(['slack']);
  });
});
