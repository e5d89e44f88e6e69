import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/slack-adapter.ts';
import { MESSAGE_EVENT_TYPE } from '../../../src/adapters/slack/slack-poster.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import { ChatDeliveryError, type ChatInbound } from '../../../src/application/chat/ports.ts';
import type { MessageView } from '../../../src/application/chat/view.ts';

const API = 'https://slack.com';
const NOW = '2026-03-27T00:30:00Z';
const inbound: ChatInbound = { receive: async () => ({ duplicate: false }) };
type Body = Record<string, string>;

let sleeps: number[];
let ids: number;

function makeAdapter(extra: Partial<SlackAdapterOptions> = {}) {
  return new SlackAdapter(
    { mode: 'http', botToken: 'xoxb-test', signingSecret: 'secret', ...extra },
    {
      logger: createLogger('silent'),
      clock: new VirtualClock(NOW),
      sleep: async (ms) => void sleeps.push(ms),
      newId: () => `nonce-${++ids}`,
    },
  );
}

const view: MessageView = {
  key: 'day:2026-03-27:w02',
  summary: '本日の作業 3件',
  blocks: [{ type: 'header', text: '3月27日' }, { type: 'text', text: '0012 広坂1丁目 開栓' }],
};
const user = { kind: 'user', userRef: 'U0WORKER1' } as const;
const channel = { kind: 'channel', channelRef: 'C0BUREAU1' } as const;
const meta = (b: Body) => JSON.parse(b.metadata!) as { event_type: string; event_payload: { key: string; nonce: string; part: number } };

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  sleeps = [];
  ids = 0;
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('SlackAdapter.post', () => {
  it('opens the DM once, posts blocks with the idempotency metadata, returns CHANNEL:TS', async () => {
    const posted: Body[] = [];
    nock(API).post('/api/conversations.open', { users: 'U0WORKER1' }).reply(200, { ok: true, channel: { id: 'D0KAIHEI1' } });
    nock(API)
      .post('/api/chat.postMessage', (b: Body) => (posted.push(b), true))
      .times(2)
      .reply(200, (_uri, _body) => ({ ok: true, channel: 'D0KAIHEI1', ts: `1764028800.00010${posted.length}` }));
    const slack = makeAdapter();
    expect(await slack.post(user, view)).toBe('D0KAIHEI1:1764028800.000101');
    expect(await slack.post(user, { ...view, key: undefined })).toBe('D0KAIHEI1:1764028800.000102');
    expect(posted[0]).toMatchObject({ channel: 'D0KAIHEI1', text: '本日の作業 3件' });
    expect(JSON.parse(posted[0]!.blocks!)).toHaveLength(2);
    expect(meta(posted[0]!)).toEqual({ event_type: MESSAGE_EVENT_TYPE, event_payload: { key: 'day:2026-03-27:w02', nonce: 'nonce-1', part: 0 } });
  });

  it('updates in place with chat.update when given the existing ref', async () => {
    let updated: Body | undefined;
    nock(API).post('/api/chat.update', (b: Body) => ((updated = b), true)).reply(200, { ok: true, channel: 'D0KAIHEI1', ts: '1764028800.000101' });
    const ref = await makeAdapter().post(user, view, 'D0KAIHEI1:1764028800.000101');
    expect(ref).toBe('D0KAIHEI1:1764028800.000101');
    expect(updated).toMatchObject({ channel: 'D0KAIHEI1', ts: '1764028800.000101', text: '本日の作業 3件' });
  });

  it('waits the Retry-After of a 429 (virtual sleep), then posts', async () => {
    nock(API).post('/api/chat.postMessage').reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' });
    nock(API).post('/api/chat.postMessage').reply(200, { ok: true, channel: 'C0BUREAU1', ts: '1764028800.000300' });
    expect(await makeAdapter().post(channel, view)).toBe('C0BUREAU1:1764028800.000300');
    expect(sleeps).toEqual([3000]);
  });

  it('after a 5xx looks for the message first, finds none, posts again', async () => {
    nock(API).post('/api/chat.postMessage').reply(503, 'upstream unavailable');
    nock(API).post('/api/conversations.history', (b: Body) => b.channel === 'C0BUREAU1' && b.include_all_metadata === 'true').reply(200, { ok: true, messages: [] });
    nock(API).post('/api/chat.postMessage').reply(200, { ok: true, channel: 'C0BUREAU1', ts: '1764028800.000400' });
    expect(await makeAdapter().post(channel, view)).toBe('C0BUREAU1:1764028800.000400');
    expect(sleeps).toEqual([1000]);
  });

  it('recovers from a network error with backoff', async () => {
    nock(API).post('/api/chat.postMessage').replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    nock(API).post('/api/conversations.history').reply(200, { ok: true, messages: [] });
    nock(API).post('/api/chat.postMessage').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(API).post('/api/conversations.history').reply(200, { ok: true, messages: [] });
    nock(API).post('/api/chat.postMessage').reply(200, { ok: true, channel: 'C0BUREAU1', ts: '1764028800.000500' });
    expect(await makeAdapter().post(channel, view)).toBe('C0BUREAU1:1764028800.000500');
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('when the answer was lost but the post went through, finds it by its key and updates it: no second post', async () => {
    let sent: Body | undefined;
    nock(API).post('/api/chat.postMessage', (b: Body) => ((sent = b), true)).replyWithError({ code: 'ETIMEDOUT', message: 'timeout' });
    nock(API)
      .post('/api/conversations.history')
      .reply(200, () => ({
        ok: true,
        messages: [
          { type: 'message', ts: '1764028790.000001', text: 'older', metadata: { event_type: MESSAGE_EVENT_TYPE, event_payload: { key: view.key, nonce: 'other', part: 0 } } },
          { type: 'message', ts: '1764028800.000600', text: sent!.text, metadata: meta(sent!) },
        ],
      }));
    let updated: Body | undefined;
    nock(API).post('/api/chat.update', (b: Body) => ((updated = b), true)).reply(200, { ok: true, channel: 'C0BUREAU1', ts: '1764028800.000600' });
    expect(await makeAdapter().post(channel, view)).toBe('C0BUREAU1:1764028800.000600');
    expect(updated).toMatchObject({ channel: 'C0BUREAU1', ts: '1764028800.000600' });
    expect(meta(updated!).event_payload.key).toBe(view.key);
  });

  it('gives up after the attempts as retryable, and refuses at once what Slack refuses', async () => {
    nock(API).post('/api/chat.update').times(5).reply(500, 'boom');
    const tired = await makeAdapter().post(channel, view, 'C0BUREAU1:1764028800.000700').catch((e: unknown) => e);
    expect(tired).toBeInstanceOf(ChatDeliveryError);
    expect((tired as ChatDeliveryError).retryable).toBe(true);
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    nock(API).post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    const refused = await makeAdapter().post(channel, view).catch((e: unknown) => e);
    expect((refused as ChatDeliveryError).retryable).toBe(false);
    expect((refused as Error).message).toContain('channel_not_found');
  });

  it('posts a long view as several messages and keeps all refs; an update spanning fewer parts deletes the rest', async () => {
    const long: MessageView = { ...view, blocks: Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `作業 ${i}` })) };
    const parts: Body[] = [];
    nock(API)
      .post('/api/chat.postMessage', (b: Body) => (parts.push(b), true))
      .times(2)
      .reply(200, () => ({ ok: true, channel: 'C0BUREAU1', ts: `1764028800.00080${parts.length}` }));
    const ref = await makeAdapter().post(channel, long);
    expect(JSON.parse(ref)).toEqual(['C0BUREAU1:1764028800.000801', 'C0BUREAU1:1764028800.000802']);
    expect(parts.map((p) => JSON.parse(p.blocks!).length)).toEqual([50, 10]);
    expect(parts.map((p) => meta(p).event_payload.part)).toEqual([0, 1]);

    nock(API).post('/api/chat.update', (b: Body) => b.ts === '1764028800.000801').reply(200, { ok: true });
    nock(API).post('/api/chat.delete', (b: Body) => b.ts === '1764028800.000802').reply(200, { ok: true });
    expect(await makeAdapter().post(channel, view, ref)).toBe('C0BUREAU1:1764028800.000801');
  });

  it('posts anew when the message to update is gone', async () => {
    nock(API).post('/api/chat.update').reply(200, { ok: false, error: 'message_not_found' });
    nock(API).post('/api/chat.postMessage').reply(200, { ok: true, channel: 'C0BUREAU1', ts: '1764028800.000900' });
    expect(await makeAdapter().post(channel, view, 'C0BUREAU1:1764028000.000001')).toBe('C0BUREAU1:1764028800.000900');
  });
});

describe('SlackAdapter.uploadFile', () => {
  it('runs files.getUploadURLExternal, the upload, files.completeUploadExternal in order', async () => {
    const calls: string[] = [];
    let completed: Body | undefined;
    nock(API)
      .post('/api/files.getUploadURLExternal', (b: Body) => (calls.push(`url:${b.filename}:${b.length}`), true))
      .reply(200, { ok: true, upload_url: 'https://files.slack.com/upload/v1/ABC123', file_id: 'F0REPORT1' });
    nock('https://files.slack.com').post('/upload/v1/ABC123', () => (calls.push('upload'), true)).reply(200, 'OK - 11');
    nock(API)
      .post('/api/files.completeUploadExternal', (b: Body) => (calls.push('complete'), (completed = b), true))
      .reply(200, { ok: true, files: [{ id: 'F0REPORT1', title: '日報 2026-03-27' }] });
    const bytes = new TextEncoder().encode('%PDF-1.7 x');
    const file = { bytes, filename: 'daily-2026-03-27.pdf', title: '日報 2026-03-27', savedNote: () => '' };
    const detail = await makeAdapter().uploadFile({ kind: 'channel', channelRef: 'C0BUREAU1' }, file);
    expect(detail).toBe('uploaded:F0REPORT1');
    expect(calls).toEqual([`url:daily-2026-03-27.pdf:${bytes.length}`, 'upload', 'complete']);
    expect(completed?.channel_id).toBe('C0BUREAU1');
    expect(JSON.parse(completed!.files!)).toEqual([{ id: 'F0REPORT1', title: '日報 2026-03-27' }]);
  });
});

describe('SLACK_API_URL', () => {
  it('sends Web API calls to the configured base URL (a local stand-in)', async () => {
    const seen: { url: string; auth: string; body: string }[] = [];
    const standIn = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, channel: 'C0BUREAU1', ts: '1764028800.001000' }));
      });
    });
    await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
    const apiUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/api/`;
    try {
      expect(await makeAdapter({ apiUrl }).post(channel, view)).toBe('C0BUREAU1:1764028800.001000');
    } finally {
      await new Promise((r) => standIn.close(r));
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ url: '/api/chat.postMessage', auth: 'Bearer xoxb-test' });
    expect(new URLSearchParams(seen[0]!.body).get('channel')).toBe('C0BUREAU1');
  });
});

describe('SlackAdapter set-up and forms', () => {
  it('needs the signing secret over HTTP and the app token in Socket Mode', () => {
    const deps = { inbound, logger: createLogger('silent') };
    expect(() => new SlackAdapter({ mode: 'http', botToken: 'xoxb-test' }, deps)).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => new SlackAdapter({ mode: 'socket', botToken: 'xoxb-test' }, deps)).toThrow(/SLACK_APP_TOKEN/);
  });

  it('fails to start with a token Slack refuses', async () => {
    nock(API).post('/api/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    await expect(makeAdapter().start()).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
  });

  it('opens a modal only with a trigger id', async () => {
    const form = { formId: 'result', title: '結果', submitLabel: '送信', state: '{}', fields: [] };
    const err = await makeAdapter().openForm(user, form).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatDeliveryError);
    expect((err as ChatDeliveryError).retryable).toBe(false);
    nock(API).post('/api/views.open', (b: Body) => b.trigger_id === 'trig-9').reply(200, { ok: true });
    await makeAdapter().openForm(user, form, 'trig-9');
  });
});
