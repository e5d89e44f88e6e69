import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signComplaintWebhook } from '../../../src/adapters/http/complaint-webhook.ts';
import { register as registerStaff } from '../../../src/cli/commands/staff.ts';
import { ALL_PLATFORMS_ENV, SLACK_SECRET, WEBHOOK_SECRET, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { runCommand } from '../../support/command-runner.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { messageImEvent, slackSignature } from '../../support/slack-requests.ts';
import {
  DM_CONVERSATION, SERVICE_HOST, blockNetwork, botFrameworkToken, nockOpenIdMetadata, nockTokenEndpoint, personalActivity, signingKey,
} from '../../support/teams-fixtures.ts';
import { answerWithin, rawExchange } from './http-probe.ts';
import { asOperator } from '../../support/operator.ts';

/**
 * Slack over HTTP, Teams and the complaint webhook configured at once, on the one HTTP server `kaiheisen start`
 * builds (startConfiguredBot): what failed when the features were only tested on their own servers.
 */
const W02_TEAMS = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const trusted = signingKey('kid-assembled');
const teamsSent: { conversation: string; body: string }[] = [];
let slack: ReturnType<typeof fakeSlackApi>;
let a: AssembledBot;
let dir: string;

const json = { 'content-type': 'application/json' };
const nowSec = () => Math.floor(Date.now() / 1000);

function slackHeaders(body: string, ts = nowSec(), contentType = 'application/json'): Record<string, string> {
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SLACK_SECRET, ts, body) };
}

function webhookHeaders(body: string): Record<string, string> {
  const ts = String(Math.floor(a.clock!.now().getTime() / 1000));
  return { ...json, 'x-kaiheisen-timestamp': ts, 'x-kaiheisen-signature': signComplaintWebhook(WEBHOOK_SECRET, ts, body) };
}

const teamsHeaders = (token?: string) => ({ ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) });

beforeAll(async () => {
  // botbuilder prints every refused request with console.error; the statuses are asserted instead.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  blockNetwork();
  nockOpenIdMetadata([trusted]);
  nockTokenEndpoint();
  nock(SERVICE_HOST)
    .persist()
    .post(/\/v3\/conversations\/[^/]+\/activities$/)
    .reply(201, (uri, body) => {
      const conversation = decodeURIComponent(uri.split('/conversations/')[1]!.split('/')[0]!);
      teamsSent.push({ conversation, body: JSON.stringify(body) });
      return { id: `teams-activity-${teamsSent.length}` };
    });
  slack = fakeSlackApi(() => undefined);
  a = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '09:10' } });
  // w02 of the examples also on Teams, loaded as `kaiheisen staff load` does.
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-staff-'));
  const staff = readFileSync('examples/staff.yaml', 'utf8').replace('chat: { slack: UW02, console: w02 }', `chat: { slack: UW02, teams: ${W02_TEAMS}, console: w02 }`);
  writeFileSync(join(dir, 'staff.yaml'), staff);
  const load = await runCommand(registerStaff, ['staff', 'load', join(dir, 'staff.yaml'), '--by', 'w01'], await asOperator(a.ctx, null));
  expect(load.code, load.err).toBe(0);
}, 60_000);

afterAll(async () => {
  await a?.dispose();
  rmSync(dir, { recursive: true, force: true });
  slack?.dispose();
  nock.cleanAll();
  nock.enableNetConnect();
  vi.restoreAllMocks();
});

describe('one server: Slack, Teams and the complaint webhook', () => {
  it('refuses an unauthenticated Teams request with 401 in under 1 s', async () => {
    const body = JSON.stringify(personalActivity({ text: 'ヘルプ' }));
    const res = await answerWithin(`${a.base}/api/messages`, { headers: teamsHeaders(), body });
    expect(res.status).toBe(401);
    const forged = await answerWithin(`${a.base}/api/messages`, { headers: teamsHeaders(botFrameworkToken(signingKey('kid-assembled'))), body });
    expect(forged.status).toBe(401);
  });

  it('processes a signed Teams activity, a Slack event and a webhook complaint arriving together', async () => {
    const activity = personalActivity({ text: '残り', from: { id: '29:w02', name: 'テスト 作業者', aadObjectId: W02_TEAMS } });
    const slackBody = JSON.stringify(messageImEvent({ eventId: 'Ev0ASSEMBLED1', user: 'UW02', text: '残り' }));
    const complaint = JSON.stringify({ kind: 'noWater', address: '金沢市試験町1-2-3', description: '水が出ない (試験)', externalId: 'assembled-1' });
    const [teams, slackAnswer, webhook] = await Promise.all([
      answerWithin(`${a.base}/api/messages`, { headers: teamsHeaders(botFrameworkToken(trusted)), body: JSON.stringify(activity) }, 3_000),
      answerWithin(`${a.base}/slack/events`, { headers: slackHeaders(slackBody), body: slackBody }, 3_000),
      answerWithin(`${a.base}/webhooks/complaints`, { headers: webhookHeaders(complaint), body: complaint }, 3_000),
    ]);
    expect([teams.status, slackAnswer.status, webhook.status]).toEqual([200, 200, 201]);
    await a.bot.inbox.drain();

    const toW02 = teamsSent.filter((s) => s.conversation === DM_CONVERSATION);
    expect(toW02).toHaveLength(1);
    expect(toW02[0]!.body).toMatch(/3月27日\(金\) の残り \d+件 \(足順\)/);
    const slackDm = (slack.messages.get('DUW02') ?? []).map((m) => m.text).join('\n');
    expect(slackDm).toMatch(/の残り \d+件/);
    expect(await a.ctx.db.read.complaint.count()).toBe(1);
  });
});

describe('requests nobody sends are answered at once (item 9)', () => {
  const slackUrl = () => `${a.base}/slack/events`;

  it('refuses Slack timestamps more than 5 minutes away, in the future too', async () => {
    for (const skew of [600, -600, 330]) {
      const body = JSON.stringify(messageImEvent({ eventId: `Ev0SKEW${skew}`, user: 'UW03', text: 'ヘルプ' }));
      const res = await answerWithin(slackUrl(), { headers: slackHeaders(body, nowSec() + skew), body });
      expect(res.status, `skew ${skew} s`).toBe(401);
    }
    const events = await a.ctx.db.read.inboundEvent.findMany({ where: { eventKey: { startsWith: 'Ev0SKEW' } } });
    expect(events).toEqual([]);
    const body = JSON.stringify(messageImEvent({ eventId: 'Ev0SKEWOK', user: 'UW03', text: 'ヘルプ' }));
    expect((await answerWithin(slackUrl(), { headers: slackHeaders(body, nowSec() + 240), body }, 3_000)).status).toBe(200);
  });

  it('answers a JSON body that is not an object with 400 at once, on every route', async () => {
    for (const body of ['[]', '[1]', '1', '"x"', 'null']) {
      expect((await answerWithin(slackUrl(), { headers: slackHeaders(body), body })).status, `slack ${body}`).toBe(400);
      const form = `payload=${encodeURIComponent(body)}`;
      const formHeaders = slackHeaders(form, nowSec(), 'application/x-www-form-urlencoded');
      expect((await answerWithin(slackUrl(), { headers: formHeaders, body: form })).status, `slack form ${body}`).toBe(400);
      expect((await answerWithin(`${a.base}/webhooks/complaints`, { headers: webhookHeaders(body), body })).status, `webhook ${body}`).toBe(400);
      expect((await answerWithin(`${a.base}/api/messages`, { headers: teamsHeaders(), body })).status, `teams ${body}`).toBe(400);
    }
    // An event callback without its event: Bolt would never acknowledge it (3 s, then 404).
    for (const body of ['{"type":"event_callback"}', '{"type":"event_callback","event":"x"}']) {
      expect((await answerWithin(slackUrl(), { headers: slackHeaders(body), body })).status, body).toBe(400);
    }
  });

  it('answers a wrong content type with 415, an unknown path with 404 and another method with 405 at once', async () => {
    const text = { 'content-type': 'text/plain' };
    for (const path of ['/slack/events', '/api/messages', '/webhooks/complaints']) {
      expect((await answerWithin(`${a.base}${path}`, { headers: text, body: '{}' })).status, path).toBe(415);
      expect((await answerWithin(`${a.base}${path}`, { method: 'GET' })).status, path).toBe(405);
    }
    expect((await answerWithin(`${a.base}/nowhere`, { body: '{}' })).status).toBe(404);
    expect((await answerWithin(`${a.base}/slack/events/`, { body: '{}' })).status).toBe(404);
  });

  it('answers a body declared over the route limit with 413 before it is sent, and closes the connection', async () => {
    for (const [path, limit] of [['/slack/events', 1024 * 1024], ['/api/messages', 512 * 1024], ['/webhooks/complaints', 64 * 1024]] as const) {
      const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${limit + 1}\r\n\r\n{"a":`;
      const { received } = await rawExchange(a.bot.port!, head);
      expect(received, path).toMatch(/^HTTP\/1\.1 413/);
    }
  });
});
