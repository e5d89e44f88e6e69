import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../src/adapters/http/http-server.ts';
import { SLACK_EVENTS_PATH, type SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { slackPlatformFactory } from '../../../src/adapters/slack/slack-platform.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import type { ChatInbound, InboundEnvelope, InboundReceipt } from '../../../src/application/chat/ports.ts';
import type { FormView } from '../../../src/application/chat/view.ts';
import {
  blockActionsPayload,
  formBody,
  messageImEvent,
  postSigned,
  urlVerification,
  viewSubmissionPayload,
} from '../../support/slack-requests.ts';

const SECRET = 'test-signing-secret-0001';
const NOW = '2026-03-27T00:30:00Z';
const logger = createLogger('silent');

class FakeInbound implements ChatInbound {
  envelopes: InboundEnvelope[] = [];
  private keys = new Set<string>();
  form?: FormView;
  gate?: Promise<void>;
  fail?: Error;
  onReceive?: () => void;

  async receive(envelope: InboundEnvelope): Promise<InboundReceipt> {
    this.envelopes.push(envelope);
    this.onReceive?.();
    if (this.gate) await this.gate;
    if (this.fail) throw this.fail;
    const duplicate = this.keys.has(envelope.eventKey);
    this.keys.add(envelope.eventKey);
    return duplicate ? { duplicate } : { duplicate, ...(this.form ? { form: this.form } : {}) };
  }
}

const resultForm: FormView = {
  formId: 'result',
  title: '結果入力 0012',
  submitLabel: '送信',
  state: '{"orderNo":"0012"}',
  fields: [{ id: 'reading', label: '指針', type: 'number', required: true }],
};

let inbound: FakeInbound;
let adapter: SlackAdapter;
let server: HttpServer;
let url: string;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

beforeEach(async () => {
  nock('https://slack.com').post('/api/auth.test').reply(200, { ok: true, user_id: 'U0BOT0001', bot_id: 'B0BOT0001', team_id: 'T0KAIHEI1' });
  inbound = new FakeInbound();
  server = new HttpServer({ logger, bodyLimitBytes: 64 * 1024 });
  const factory = slackPlatformFactory(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: SECRET, bureauChannelId: 'C0BUREAU1', bodyLimitBytes: 64 * 1024 },
    server,
  );
  adapter = await factory({ logger, clock: new VirtualClock(NOW), sleep: async () => undefined });
  adapter.receiveInto(inbound);
  await adapter.start();
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}${SLACK_EVENTS_PATH}`;
});

afterEach(async () => {
  await adapter.stop();
  await server.close();
  nock.cleanAll();
});

const event = (eventId: string, text = '0012 開栓完了 指針1187') => JSON.stringify(messageImEvent({ eventId, user: 'U0WORKER1', text }));

describe('Slack HTTP receiver (real HTTP on loopback, Bolt HTTPReceiver)', () => {
  it('stores a signed message.im event as one text envelope, then answers 200', async () => {
    const res = await postSigned(url, event('Ev0KAI0001'), { secret: SECRET });
    expect(res.status).toBe(200);
    expect(inbound.envelopes).toEqual([
      {
        platform: 'slack',
        eventKey: 'Ev0KAI0001',
        userRef: 'U0WORKER1',
        conversationRef: 'D0KAIHEI1',
        inChannel: false,
        receivedAt: new Date(NOW),
        payload: { type: 'text', text: '0012 開栓完了 指針1187' },
      },
    ]);
  });

  it('answers only after receive() resolved (processBeforeResponse)', async () => {
    let open!: () => void;
    inbound.gate = new Promise<void>((r) => (open = r));
    const called = new Promise<void>((r) => (inbound.onReceive = r));
    let answered = false;
    const response = postSigned(url, event('Ev0KAI0002'), { secret: SECRET }).then((r) => ((answered = true), r));
    await called;
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    open();
    expect((await response).status).toBe(200);
  });

  it('answers 500 when the event cannot be stored, so Slack retries it', async () => {
    inbound.fail = new Error('database is locked');
    const res = await postSigned(url, event('Ev0KAI0003'), { secret: SECRET });
    expect(res.status).toBe(500);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const body = event('Ev0KAI0004');
    const res = await postSigned(url, body, { secret: SECRET, signBody: body.replace('1187', '9999') });
    expect(res.status).toBe(401);
    expect(inbound.envelopes).toHaveLength(0);
  });

  it('refuses a correctly signed request whose timestamp is 6 minutes old', async () => {
    const res = await postSigned(url, event('Ev0KAI0005'), { secret: SECRET, timestampSec: Math.floor(Date.now() / 1000) - 360 });
    expect(res.status).toBe(401);
    expect(inbound.envelopes).toHaveLength(0);
  });

  it('passes a form-encoded block_actions button press, acks after receive()', async () => {
    const payload = blockActionsPayload({ user: 'U0WORKER1', actionId: 'doubt.ack', value: '{"doubtId":12}', actionTs: '1764028801.000300' });
    const res = await postSigned(url, formBody(payload), { secret: SECRET, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(inbound.envelopes[0]).toMatchObject({
      eventKey: '1764028801.000300:U0WORKER1',
      userRef: 'U0WORKER1',
      conversationRef: 'D0KAIHEI1',
      inChannel: false,
      payload: { type: 'button', actionId: 'doubt.ack', value: '{"doubtId":12}' },
    });
  });

  it('opens the form receive() returns with views.open and the trigger_id', async () => {
    inbound.form = resultForm;
    let opened: Record<string, unknown> | undefined;
    const scope = nock('https://slack.com')
      .post('/api/views.open', (b: Record<string, unknown>) => ((opened = b), true))
      .reply(200, { ok: true, view: { id: 'V1' } });
    const payload = blockActionsPayload({ user: 'U0WORKER1', actionId: 'result.form#1', value: '{"orderNo":"0012"}', actionTs: '1764028802.000400', triggerId: 'trig-0001' });
    const res = await postSigned(url, formBody(payload), { secret: SECRET, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(inbound.envelopes[0]!.payload).toEqual({ type: 'button', actionId: 'result.form', value: '{"orderNo":"0012"}' });
    await adapter.stop(); // waits for the form being opened
    expect(scope.isDone()).toBe(true);
    expect(opened?.trigger_id).toBe('trig-0001');
    const view = JSON.parse(String(opened?.view)) as { callback_id: string; private_metadata: string };
    expect(view).toMatchObject({ callback_id: 'result', private_metadata: '{"orderNo":"0012"}' });
  });

  it('passes a view_submission as form values and closes the modal', async () => {
    const values = {
      reading: { reading: { type: 'number_input', value: '1187' } },
      outcome: { outcome: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '開栓' }, value: 'opened' } } },
      checks: { checks: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: '漏水なし' }, value: 'noLeak' }] } },
      note: { note: { type: 'plain_text_input', value: null } },
    };
    const payload = viewSubmissionPayload({ user: 'U0WORKER1', callbackId: 'result', metadata: '{"orderNo":"0012"}', values });
    const res = await postSigned(url, formBody(payload), { secret: SECRET, contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(inbound.envelopes[0]).toMatchObject({
      userRef: 'U0WORKER1',
      payload: { type: 'form', formId: 'result', state: '{"orderNo":"0012"}', values: { reading: '1187', outcome: 'opened', checks: ['noLeak'] } },
    });
    expect(inbound.envelopes[0]!.eventKey).toMatch(/^view:V0KAIHEI1:[0-9a-f]{16}$/);
  });

  it('answers the url_verification challenge', async () => {
    const res = await postSigned(url, JSON.stringify(urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P')), { secret: SECRET });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(inbound.envelopes).toHaveLength(0);
  });

  it('gives a retried event (same event_id) the same eventKey', async () => {
    const body = event('Ev0KAI0009');
    await postSigned(url, body, { secret: SECRET });
    const retry = await postSigned(url, body, { secret: SECRET, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    expect(inbound.envelopes.map((e) => e.eventKey)).toEqual(['Ev0KAI0009', 'Ev0KAI0009']);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await postSigned(url, event('Ev0KAI0010', 'x'.repeat(70 * 1024)), { secret: SECRET });
    expect(res.status).toBe(413);
    expect(inbound.envelopes).toHaveLength(0);
  });

  it('ignores the bot’s own messages and edits but still answers 200', async () => {
    const own = messageImEvent({ eventId: 'Ev0KAI0011', user: 'U0BOT0001', text: 'echo' });
    const edited = { ...messageImEvent({ eventId: 'Ev0KAI0012', user: 'U0WORKER1', text: 'x' }) };
    edited.event = { ...edited.event, subtype: 'message_changed' } as typeof edited.event;
    expect((await postSigned(url, JSON.stringify(own), { secret: SECRET })).status).toBe(200);
    expect((await postSigned(url, JSON.stringify(edited), { secret: SECRET })).status).toBe(200);
    expect(inbound.envelopes).toHaveLength(0);
  });

  it('refuses a signed request from 6 minutes in the future, and a body that is not an envelope, at once', async () => {
    const future = await postSigned(url, event('Ev0KAI0013'), { secret: SECRET, timestampSec: Math.floor(Date.now() / 1000) + 360 });
    expect(future.status).toBe(401);
    expect((await postSigned(url, '[]', { secret: SECRET })).status).toBe(400);
    expect((await postSigned(url, '{"no":"type"}', { secret: SECRET })).status).toBe(400);
    expect(inbound.envelopes).toHaveLength(0);
  });
});

describe('Slack HTTP mode health', () => {
  it('is not ok while auth.test fails, and a health check tries auth.test again', async () => {
    nock('https://slack.com').post('/api/auth.test').reply(500, 'unavailable');
    const other = await slackPlatformFactory({ mode: 'http', botToken: 'xoxb-test', signingSecret: SECRET }, new HttpServer({ logger }))({ logger });
    await other.start();
    const retried = nock('https://slack.com').post('/api/auth.test').reply(200, { ok: true, user_id: 'U0BOT0001', bot_id: 'B0BOT0001' });
    expect(other.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/^http mode: auth\.test failed \(/) });
    for (let i = 0; i < 200 && !other.health().ok; i++) await new Promise((r) => setTimeout(r, 10));
    expect(retried.isDone()).toBe(true);
    expect(other.health()).toEqual({ ok: true, detail: 'http mode: auth.test ok' });
    await other.stop();
  });
});
