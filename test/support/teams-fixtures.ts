import { createServer, request as httpRequest, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import type { Activity } from 'botbuilder';
import type { ChatInbound, InboundEnvelope, InboundReceipt } from '../../src/application/chat/ports.ts';
import type { FormView } from '../../src/application/chat/view.ts';
import type { HttpHandler } from '../../src/adapters/teams/teams-http-handler.ts';

/**
 * Teams activities as the Bot Connector sends them (shapes from the Bot Framework REST docs), Bot Framework JWTs
 * signed with a key made here, and nock for every Microsoft endpoint. Synthetic ids and text only.
 */
export const APP_ID = '0b0b0b0b-1111-4222-8333-444455556666';
export const TENANT_ID = '7e7e7e7e-aaaa-4bbb-8ccc-ddddeeeeffff';
export const SERVICE_HOST = 'https://smba.trafficmanager.net';
export const SERVICE_URL = `${SERVICE_HOST}/jp/`;
export const BOT = { id: `28:${APP_ID}`, name: 'kaiheisen' };
export const USER_AAD = 'aad-user-0001';
export const DM_CONVERSATION = 'a:1dm-conversation-0001';
export const CHANNEL_ID = '19:bureau0001@thread.tacv2';
export const TOKEN = 'outbound-token-0001';

let seq = 0;
export const nextId = () => `1700000000${String(++seq).padStart(3, '0')}`;

export function personalActivity(extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: nextId(),
    timestamp: new Date('2026-03-27T00:00:00Z'),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:user-0001', name: 'テスト 作業者', aadObjectId: USER_AAD },
    recipient: BOT,
    conversation: { id: DM_CONVERSATION, conversationType: 'personal', tenantId: TENANT_ID, isGroup: false, name: '' },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'ja-JP',
    textFormat: 'plain',
    ...extra,
  } as Partial<Activity>;
}

export function channelActivity(extra: Partial<Activity> = {}, rootId = '1699999999000'): Partial<Activity> {
  return personalActivity({
    conversation: { id: `${CHANNEL_ID};messageid=${rootId}`, conversationType: 'channel', tenantId: TENANT_ID, isGroup: true, name: '' },
    channelData: { tenant: { id: TENANT_ID }, team: { id: '19:team0001@thread.tacv2' }, channel: { id: CHANNEL_ID } },
    ...extra,
  });
}

/** The chat core as the adapter sees it: stores envelopes, answers duplicates like the real inbox. */
export class FakeInbound implements ChatInbound {
  readonly received: InboundEnvelope[] = [];
  form?: FormView;
  failWith?: Error;
  async receive(envelope: InboundEnvelope): Promise<InboundReceipt> {
    if (this.failWith) throw this.failWith;
    if (this.received.some((e) => e.platform === envelope.platform && e.eventKey === envelope.eventKey)) return { duplicate: true };
    this.received.push(envelope);
    return this.form ? { duplicate: false, form: this.form } : { duplicate: false };
  }
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: { kty: string; n: string; e: string; kid: string; use: string; endorsements: string[] };
}

export function signingKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e, kty } = publicKey.export({ format: 'jwk' }) as { n: string; e: string; kty: string };
  return { kid, privateKey, jwk: { kty, n, e, kid, use: 'sig', endorsements: ['msteams'] } };
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** An RS256 JWT like the Bot Connector's: iss api.botframework.com, aud = the bot's app id, serviceurl claim. */
export function botFrameworkToken(key: SigningKey, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims };
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, x5t: key.kid })}.${b64url(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** Bot Framework's OpenID metadata and JWKS, at the URLs botbuilder fetches (cached by botbuilder per process). */
export function nockOpenIdMetadata(keys: SigningKey[]): void {
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: keys.map((k) => k.jwk) });
}

/** The Entra ID token endpoint MSAL calls for the bot's client-credentials token (SingleTenant: the tenant's). */
export function nockTokenEndpoint(tenant = TENANT_ID): nock.Scope {
  return nock('https://login.microsoftonline.com')
    .persist()
    .post(`/${tenant}/oauth2/v2.0/token`)
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: TOKEN });
}

/** Only the loopback test server may be reached for real. */
export function blockNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
}

export async function startServer(handler: HttpHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Posted {
  status: number;
  body: string;
}

/** POSTs over node:http (loopback only). */
export function post(url: string, body: string, headers: Record<string, string>, method = 'POST'): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function postActivity(url: string, activity: Partial<Activity>, token?: string): Promise<Posted> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (token) headers.authorization = `Bearer ${token}`;
  return post(url, JSON.stringify(activity), headers);
}

/** Collects the waits the adapter asks for instead of waiting. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };
