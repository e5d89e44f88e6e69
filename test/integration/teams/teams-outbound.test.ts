import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { ChatDeliveryError } from '../../../src/application/chat/ports.ts';
import type { MessageView } from '../../../src/application/chat/view.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createConversationStore } from '../../../src/adapters/db/conversation-store.ts';
import { TeamsAdapter, type TeamsAdapterDeps } from '../../../src/adapters/teams/teams-adapter.ts';
import { AppError } from '../../../src/errors.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import {
  APP_ID, BOT, CHANNEL_ID, DM_CONVERSATION, SERVICE_HOST, SERVICE_URL, TENANT_ID, TOKEN, USER_AAD,
  blockNetwork, nockTokenEndpoint, recordingSleep, silentLogger,
} from '../../support/teams-fixtures.ts';

const settings = { appId: APP_ID, appPassword: 'synthetic-secret', appType: 'SingleTenant' as const, tenantId: TENANT_ID };
const dmReference = { channelId: 'msteams', serviceUrl: SERVICE_URL, conversation: { id: DM_CONVERSATION, conversationType: 'personal' }, bot: BOT, user: { id: '29:user-0001', aadObjectId: USER_AAD } };
const channelReference = { channelId: 'msteams', serviceUrl: SERVICE_URL, conversation: { id: CHANNEL_ID, conversationType: 'channel' }, bot: BOT };
const view: MessageView = { key: 'day:2026-03-27:w02', summary: '本日の作業', blocks: [{ type: 'header', text: '本日の作業 2 件' }] };

/** Path of a Bot Connector call, compared decoded (the SDK percent-encodes the conversation id). */
const at = (path: string) => (uri: string) => decodeURIComponent(uri) === path;
const activitiesOf = (conversation: string) => `/jp/v3/conversations/${conversation}/activities`;

let t: TempDatabase;
let sent: Record<string, unknown>[];
const connector = () => nock(SERVICE_HOST).matchHeader('authorization', `Bearer ${TOKEN}`);
const record = (body: Record<string, unknown>) => (sent.push(body), true);

function adapter(extra: Partial<TeamsAdapterDeps> = {}) {
  const clock = new VirtualClock('2026-03-27T00:00:00Z');
  return new TeamsAdapter({ settings, store: createConversationStore(t.db, clock), clock, logger: silentLogger, sleep: recordingSleep().sleep, ...extra });
}

beforeAll(() => blockNetwork());
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});
beforeEach(async () => {
  t = await tempDatabase();
  sent = [];
  nockTokenEndpoint();
  const store = createConversationStore(t.db, new VirtualClock('2026-03-27T00:00:00Z'));
  await store.save('teams', `user:${USER_AAD}`, JSON.stringify(dmReference));
  await store.save('teams', 'channel:bureau', JSON.stringify(channelReference));
});
afterEach(async () => {
  const pending = nock.pendingMocks().filter((m) => !m.includes('login.microsoftonline.com'));
  nock.cleanAll();
  await t.dispose();
  expect(pending).toEqual([]);
});

describe('TeamsAdapter.post', () => {
  it('posts a card to the user from the stored reference and returns the activity id', async () => {
    connector().post(at(activitiesOf(DM_CONVERSATION)), record).reply(201, { id: 'msg-1' });
    await expect(adapter().post({ kind: 'user', userRef: USER_AAD }, view)).resolves.toBe('msg-1');
    expect(sent[0]).toMatchObject({
      type: 'message',
      summary: '本日の作業',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } }],
    });
    expect(sent[0]).not.toHaveProperty('replyToId');
  });

  it('updates the message in place when given its ref', async () => {
    connector().put(at(`${activitiesOf(DM_CONVERSATION)}/msg-1`), record).reply(200, { id: 'msg-1' });
    await expect(adapter().post({ kind: 'user', userRef: USER_AAD }, view, 'msg-1')).resolves.toBe('msg-1');
    expect(sent[0]).toMatchObject({ id: 'msg-1', type: 'message' });
  });

  it('posts anew when the message to update is gone', async () => {
    connector().put(at(`${activitiesOf(DM_CONVERSATION)}/msg-gone`)).reply(404, { error: { code: 'NotFound' } });
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(201, { id: 'msg-2' });
    await expect(adapter().post({ kind: 'user', userRef: USER_AAD }, view, 'msg-gone')).resolves.toBe('msg-2');
  });

  it('splits a long view into several messages, one ref for all, and shrinks them on update', async () => {
    const long: MessageView = { summary: '一覧', blocks: Array.from({ length: 30 }, (_, i) => ({ type: 'text' as const, text: `${i} ${'あ'.repeat(200)}` })) };
    connector().post(at(activitiesOf(DM_CONVERSATION)), record).times(3).reply(201, (_uri, _body) => ({ id: `part-${sent.length}` }));
    const ref = await adapter({ maxCardBytes: 8_000 }).post({ kind: 'user', userRef: USER_AAD }, long);
    expect(JSON.parse(ref)).toEqual(['part-1', 'part-2', 'part-3']);

    connector().put(at(`${activitiesOf(DM_CONVERSATION)}/part-1`)).reply(200, {});
    connector().delete(at(`${activitiesOf(DM_CONVERSATION)}/part-2`)).reply(200);
    connector().delete(at(`${activitiesOf(DM_CONVERSATION)}/part-3`)).reply(200);
    await expect(adapter({ maxCardBytes: 8_000 }).post({ kind: 'user', userRef: USER_AAD }, view, ref)).resolves.toBe('part-1');
  });

  it('waits Retry-After on 429 (injected sleep, not the SDK timer) and then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(429, { error: { code: 'Throttled' } }, { 'Retry-After': '7' });
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(201, { id: 'msg-3' });
    await expect(adapter({ sleep }).post({ kind: 'user', userRef: USER_AAD }, view)).resolves.toBe('msg-3');
    expect(waits).toEqual([7000]);
  });

  it('backs off on 5xx and network errors', async () => {
    const { waits, sleep } = recordingSleep();
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(502, 'bad gateway');
    connector().post(at(activitiesOf(DM_CONVERSATION))).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(201, { id: 'msg-4' });
    await expect(adapter({ sleep }).post({ kind: 'user', userRef: USER_AAD }, view)).resolves.toBe('msg-4');
    expect(waits).toEqual([1000, 2000]);
  });

  it('stops waiting between retries when the bot stops: the post fails at once as retryable (the outbox keeps it)', async () => {
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(503, {});
    let waiting!: () => void;
    const started = new Promise<void>((resolve) => (waiting = resolve));
    const teams = adapter({ sleep: () => (waiting(), new Promise<void>(() => {})) });
    const post = teams.post({ kind: 'user', userRef: USER_AAD }, view).catch((e: unknown) => e);
    await started;
    teams.interruptRetries();
    expect(await post).toMatchObject({ platform: 'teams', retryable: true, message: expect.stringContaining('stopping') });
  });

  it('gives up after the configured attempts with a retryable ChatDeliveryError', async () => {
    connector().post(at(activitiesOf(DM_CONVERSATION))).times(2).reply(503, {});
    const error = await adapter({ retry: { attempts: 2 } }).post({ kind: 'user', userRef: USER_AAD }, view).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ platform: 'teams', retryable: true });
  });

  it('reports its health: not ok after a post that gave up, ok again after the next post went through', async () => {
    const teams = adapter({ retry: { attempts: 1 } });
    expect(teams.health()).toMatchObject({ ok: true });
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(503, {});
    await expect(teams.post({ kind: 'user', userRef: USER_AAD }, view)).rejects.toBeInstanceOf(ChatDeliveryError);
    expect(teams.health()).toEqual({ ok: false, detail: 'last outbound call failed at 2026-03-27T00:00:00.000Z (retryable)' });
    // A user who never installed the bot says nothing about the connection.
    await expect(teams.post({ kind: 'user', userRef: 'aad-never-seen' }, view)).rejects.toBeInstanceOf(ChatDeliveryError);
    expect(teams.health().ok).toBe(false);
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(201, { id: 'msg-ok' });
    await teams.post({ kind: 'user', userRef: USER_AAD }, view);
    expect(teams.health()).toMatchObject({ ok: true });
  });

  it('does not retry a refusal (403: the bot was removed from the conversation)', async () => {
    const { waits, sleep } = recordingSleep();
    connector().post(at(activitiesOf(DM_CONVERSATION))).reply(403, { error: { code: 'BotNotInConversationRoster' } });
    await expect(adapter({ sleep }).post({ kind: 'user', userRef: USER_AAD }, view)).rejects.toMatchObject({ name: 'ChatDeliveryError', retryable: false });
    expect(waits).toEqual([]);
  });

  it('cannot reach a user who never installed the bot: ChatDeliveryError, not retryable, no network call', async () => {
    const error = await adapter().post({ kind: 'user', userRef: 'aad-never-seen' }, view).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toContain('aad-never-seen');
    expect((error as Error).message).toContain('ボットを追加');
  });

  it('posts to the bureau channel from the stored reference (a new thread at the channel root)', async () => {
    connector().post(at(activitiesOf(CHANNEL_ID))).reply(201, { id: 'thread-1' });
    const bureau = (await t.db.read.chatConversation.findUnique({ where: { platform_key: { platform: 'teams', key: 'channel:bureau' } } }))!.address;
    await expect(adapter().post({ kind: 'channel', channelRef: bureau }, view)).resolves.toBe('thread-1');
  });

  it('reaches a channel named by its Teams id once the bot has seen it', async () => {
    await expect(adapter().post({ kind: 'channel', channelRef: '19:unknown@thread.tacv2' }, view)).rejects.toMatchObject({ retryable: false });
    const store = createConversationStore(t.db, new VirtualClock('2026-03-27T00:00:00Z'));
    await store.save('teams', `teams-channel:${CHANNEL_ID}`, JSON.stringify(channelReference));
    connector().post(at(activitiesOf(CHANNEL_ID))).reply(201, { id: 'thread-2' });
    await expect(adapter().post({ kind: 'channel', channelRef: CHANNEL_ID }, view)).resolves.toBe('thread-2');
  });
});

describe('TeamsAdapter.openForm', () => {
  it('posts the form as a card with inputs to the user', async () => {
    connector().post(at(activitiesOf(DM_CONVERSATION)), record).reply(201, { id: 'form-1' });
    await adapter().openForm(
      { kind: 'user', userRef: USER_AAD },
      { formId: 'result', title: '作業結果', submitLabel: '送信', state: '{}', fields: [{ id: 'reading', label: '指針', type: 'number', required: true }] },
    );
    const card = (sent[0]!.attachments as { content: { body: unknown[]; actions: unknown[] } }[])[0]!.content;
    expect(card.body[1]).toMatchObject({ type: 'Input.Number', id: 'reading', isRequired: true });
    expect(card.actions[0]).toMatchObject({ type: 'Action.Submit', data: { formId: 'result', state: '{}' } });
  });
});

describe('TeamsAdapter settings', () => {
  it('gets a MultiTenant bot its token from the botframework.com tenant', async () => {
    const appId = '0b0b0b0b-2222-4222-8333-444455556666';
    const token = nock('https://login.microsoftonline.com')
      .post('/botframework.com/oauth2/v2.0/token', (b: string) => new URLSearchParams(b).get('client_id') === appId)
      .query(true)
      .reply(200, { token_type: 'Bearer', expires_in: 3600, access_token: 'multi-tenant-token' });
    nock(SERVICE_HOST).matchHeader('authorization', 'Bearer multi-tenant-token').post(at(activitiesOf(DM_CONVERSATION))).reply(201, { id: 'mt-1' });
    const multi = adapter({ settings: { appId, appPassword: 'synthetic-secret', appType: 'MultiTenant' } });
    await expect(multi.post({ kind: 'user', userRef: USER_AAD }, view)).resolves.toBe('mt-1');
    expect(token.isDone()).toBe(true);
  });


  it('refuses to start with an empty app id, naming TEAMS_APP_ID', () => {
    const build = () => adapter({ settings: { ...settings, appId: '' } });
    expect(build).toThrow(AppError);
    expect(build).toThrow(/TEAMS_APP_ID/);
  });

  it('refuses a SingleTenant bot without a tenant id, naming TEAMS_TENANT_ID', () => {
    expect(() => adapter({ settings: { ...settings, tenantId: '' } })).toThrow(/TEAMS_TENANT_ID/);
  });
});
