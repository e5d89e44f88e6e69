import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import nock from 'nock';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { createConversationStore } from '../../../src/adapters/db/conversation-store.ts';
import { TeamsAdapter } from '../../../src/adapters/teams/teams-adapter.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import {
  APP_ID, BOT, CHANNEL_ID, DM_CONVERSATION, FakeInbound, SERVICE_HOST, TENANT_ID, TOKEN, USER_AAD,
  blockNetwork, botFrameworkToken, channelActivity, nockOpenIdMetadata, nockTokenEndpoint, personalActivity, post, postActivity,
  recordingSleep, signingKey, silentLogger, startServer,
} from '../../support/teams-fixtures.ts';

const settings = { appId: APP_ID, appPassword: 'synthetic-secret', appType: 'SingleTenant' as const, tenantId: TENANT_ID };
const trusted = signingKey('kid-trusted');
const stranger = signingKey('kid-stranger');
const at = (path: string) => (uri: string) => decodeURIComponent(uri) === path;
const clock = new VirtualClock('2026-03-27T00:00:00Z');

let t: TempDatabase;
let inbound: FakeInbound;
let teams: TeamsAdapter;
let server: Awaited<ReturnType<typeof startServer>>;

async function boot(db = t.db) {
  teams = new TeamsAdapter({ settings, store: createConversationStore(db, clock), clock, logger: silentLogger, sleep: recordingSleep().sleep, maxBodyBytes: 64 * 1024 });
  server = await startServer(teams.httpHandler(inbound));
}

const stored = async (key: string) =>
  (await t.db.read.chatConversation.findUnique({ where: { platform_key: { platform: 'teams', key } } }))?.address;

beforeAll(() => {
  // botbuilder prints every refused request with console.error; the statuses are asserted instead.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  blockNetwork();
  nockOpenIdMetadata([trusted]);
});
afterAll(() => {
  vi.restoreAllMocks();
  nock.cleanAll();
  nock.enableNetConnect();
});
beforeEach(async () => {
  t = await tempDatabase();
  inbound = new FakeInbound();
  nockTokenEndpoint();
  await boot();
});
afterEach(async () => {
  await server.close();
  await teams.stop();
  const pending = nock.pendingMocks().filter((m) => !m.includes('login.'));
  nock.abortPendingRequests();
  await t.dispose();
  expect(pending).toEqual([]);
});

describe('POST /api/messages: Bot Framework JWT', () => {
  it('accepts an activity signed by a key from the Bot Framework JWKS and hands it to the core', async () => {
    const activity = personalActivity({ text: '20260327-0001 完了' });
    const res = await postActivity(server.url, activity, botFrameworkToken(trusted));
    expect(res.status).toBe(200);
    expect(inbound.received).toHaveLength(1);
    expect(inbound.received[0]).toMatchObject({ platform: 'teams', eventKey: activity.id, userRef: USER_AAD, payload: { type: 'text', text: '20260327-0001 完了' } });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a token signed by an unknown key', () => botFrameworkToken({ ...stranger, kid: 'kid-trusted' })],
    ['a token for another bot', () => botFrameworkToken(trusted, { aud: 'another-app-id' })],
    ['a token from another issuer', () => botFrameworkToken(trusted, { iss: 'https://sts.windows.net/evil/' })],
    ['an expired token', () => botFrameworkToken(trusted, { exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token minted for another service URL', () => botFrameworkToken(trusted, { serviceurl: 'https://evil.example/' })],
  ])('refuses %s with 401 and stores nothing', async (_what, token) => {
    const res = await postActivity(server.url, personalActivity({ text: 'x' }), token?.());
    expect(res.status).toBe(401);
    expect(inbound.received).toEqual([]);
    expect(await stored(`user:${USER_AAD}`)).toBeUndefined();
  });
});

describe('POST /api/messages: request checks', () => {
  it('refuses other methods, content types, oversized and malformed bodies', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await post(server.url, '', {}, 'GET')).status).toBe(405);
    expect((await post(server.url, 'text=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post(server.url, JSON.stringify({ text: 'あ'.repeat(30_000) }), json)).status).toBe(413);
    expect((await post(server.url, '{not json', json)).status).toBe(400);
    expect(inbound.received).toEqual([]);
  });

  it('answers 500 when the core could not store the event, so Teams redelivers', async () => {
    inbound.failWith = new Error('database is locked');
    const res = await postActivity(server.url, personalActivity({ text: 'x' }), botFrameworkToken(trusted));
    expect(res.status).toBe(500);
  });

  it('passes a redelivered activity with the same event key (the core answers duplicate)', async () => {
    const activity = personalActivity({ text: '再送' });
    const token = botFrameworkToken(trusted);
    expect((await postActivity(server.url, activity, token)).status).toBe(200);
    expect((await postActivity(server.url, activity, token)).status).toBe(200);
    expect(inbound.received.map((e) => e.eventKey)).toEqual([activity.id]);
  });
});

describe('conversation references', () => {
  it('stores where the user can be reached, and a restarted adapter posts there proactively', async () => {
    await postActivity(server.url, personalActivity({ text: 'おはようございます' }), botFrameworkToken(trusted));
    const reference = JSON.parse((await stored(`user:${USER_AAD}`))!);
    expect(reference).toMatchObject({ serviceUrl: 'https://smba.trafficmanager.net/jp/', conversation: { id: DM_CONVERSATION }, bot: BOT });
    expect(reference).not.toHaveProperty('activityId');

    // Restart: a new database handle and a new adapter, nothing kept in memory.
    await server.close();
    await teams.stop();
    const db = await openDatabase(t.url);
    try {
      const sent: unknown[] = [];
      nock(SERVICE_HOST).matchHeader('authorization', `Bearer ${TOKEN}`)
        .post(at(`/jp/v3/conversations/${DM_CONVERSATION}/activities`), (b) => (sent.push(b), true))
        .reply(201, { id: 'morning-1' });
      const restarted = new TeamsAdapter({ settings, store: createConversationStore(db, clock), clock, logger: silentLogger });
      const ref = await restarted.post({ kind: 'user', userRef: USER_AAD }, { summary: '本日の作業', blocks: [{ type: 'header', text: '本日の作業 3 件' }] });
      expect(ref).toBe('morning-1');
      expect(sent).toHaveLength(1);
    } finally {
      await db.close();
      await boot();
    }
  });

  it('stores the reference when the user installs the bot (conversationUpdate), without an event for the core', async () => {
    const install = personalActivity({ type: 'conversationUpdate', membersAdded: [BOT] });
    expect((await postActivity(server.url, install, botFrameworkToken(trusted))).status).toBe(200);
    expect(inbound.received).toEqual([]);
    expect(JSON.parse((await stored(`user:${USER_AAD}`))!)).toMatchObject({ conversation: { id: DM_CONVERSATION } });
  });

  it('stores the channel under its id and as the bureau channel, at the channel root', async () => {
    const activity = channelActivity({ text: '<at>kaiheisen</at> 断水', entities: [{ type: 'mention', mentioned: BOT, text: '<at>kaiheisen</at>' }] });
    expect((await postActivity(server.url, activity, botFrameworkToken(trusted))).status).toBe(200);
    expect(inbound.received[0]).toMatchObject({ inChannel: true, payload: { type: 'text', text: '断水' } });
    const bureau = JSON.parse((await stored('channel:bureau'))!);
    expect(bureau.conversation.id).toBe(CHANNEL_ID);
    expect(await stored(`teams-channel:${CHANNEL_ID}`)).toBe(JSON.stringify(bureau));
    expect(await stored(`user:${USER_AAD}`)).toBeUndefined();
    const audit = await t.db.read.auditLog.findMany({ where: { entity: 'ChatConversation' } });
    expect(audit.map((a) => a.entityId).sort()).toEqual(['teams:channel:bureau', `teams:teams-channel:${CHANNEL_ID}`]);
  });

  it('never overwrites a bureau channel the staff file set by id', async () => {
    await createConversationStore(t.db, clock).save('teams', 'channel:bureau', CHANNEL_ID);
    await postActivity(server.url, channelActivity({ text: 'x' }), botFrameworkToken(trusted));
    expect(await stored('channel:bureau')).toBe(CHANNEL_ID);
    expect(await stored(`teams-channel:${CHANNEL_ID}`)).toContain(CHANNEL_ID);
  });
});

describe('follow-ups after the acknowledgement', () => {
  it('replaces a submitted form card so it cannot be sent twice', async () => {
    const updated: Record<string, unknown>[] = [];
    nock(SERVICE_HOST).put(at(`/jp/v3/conversations/${DM_CONVERSATION}/activities/form-card-1`), (b) => (updated.push(b), true)).reply(200, {});
    const activity = personalActivity({ replyToId: 'form-card-1', value: { formId: 'result', state: '{}', kaiheisen: true, reading: '12' } });
    expect((await postActivity(server.url, activity, botFrameworkToken(trusted))).status).toBe(200);
    await teams.whenIdle();
    expect(inbound.received[0]?.payload).toEqual({ type: 'form', formId: 'result', state: '{}', values: { reading: '12' } });
    expect(JSON.stringify(updated[0])).toContain('送信しました。');
  });

  it('posts a form the core returns with the receipt into the same conversation', async () => {
    inbound.form = { formId: 'result', title: '作業結果', submitLabel: '送信', state: '{}', fields: [] };
    const sent: Record<string, unknown>[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    nock(SERVICE_HOST)
      .post(at(`/jp/v3/conversations/${DM_CONVERSATION}/activities`), (b) => (sent.push(b), true))
      .reply(async () => (await gate, [201, { id: 'form-2' }]));
    const activity = personalActivity({ value: { actionId: 'result.form', value: '{}', kaiheisen: true } });
    // Teams gets its 200 while the form is still on its way.
    expect((await postActivity(server.url, activity, botFrameworkToken(trusted))).status).toBe(200);
    release();
    await teams.whenIdle();
    expect(JSON.stringify(sent[0])).toContain('作業結果');
    expect(sent[0]).not.toHaveProperty('replyToId');
  });
});
