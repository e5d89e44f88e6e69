import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { COMPLAINT_WEBHOOK_PATH, mountComplaintWebhook, signComplaintWebhook } from '../../../src/adapters/http/complaint-webhook.ts';
import { HttpServer } from '../../../src/adapters/http/http-server.ts';
import { complaintWebhookDepsOf } from '../../../src/assembly/services/complaints.ts';
import { complaintWorld, jst, seedTeam, silentLogger, type World } from '../../support/complaint-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

const SECRET = 'test-secret-0123456789abcdef';
let temp: TempDatabase;
let server: HttpServer;
let base: string;
let clock: VirtualClock;
let world: World;
let started: Promise<unknown>[];

beforeEach(async () => {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  clock = new VirtualClock(jst('2026-01-02', '23:10'));
  world = await complaintWorld(temp.db, clock);
  server = new HttpServer({ logger: silentLogger });
  const deps = complaintWebhookDepsOf({ clock, logger: world.deps.logger }, world.deps, SECRET);
  // The first step runs after the answer: the tests wait for it through this hook, not on the clock.
  started = [];
  mountComplaintWebhook(server, { ...deps, start: (r) => started[started.push(deps.start(r)) - 1]! });
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterEach(async () => {
  await server.close();
  await temp.dispose();
});

interface Sent {
  status: number;
  json: { error?: string; message?: string; id?: number; duplicate?: boolean; mode?: string };
}

function post(body: string, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${COMPLAINT_WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Sent['json']) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const nowSeconds = () => String(Math.floor(clock.now().getTime() / 1000));

function signed(body: string, opts: { timestamp?: string; secret?: string; type?: string } = {}) {
  const timestamp = opts.timestamp ?? nowSeconds();
  return post(body, {
    'content-type': opts.type ?? 'application/json',
    'x-kaiheisen-timestamp': timestamp,
    'x-kaiheisen-signature': signComplaintWebhook(opts.secret ?? SECRET, timestamp, body),
  });
}

/** The handler starts the first step right after answering: wait until it has been called and has finished. */
async function waitForStarted(): Promise<void> {
  for (let i = 0; i < 1000 && started.length === 0; i++) await new Promise((r) => setImmediate(r));
  await Promise.all(started);
}

const VALID = JSON.stringify({ kind: 'noWater', address: '金沢市広坂1丁目1-1', description: '開栓後も水が出ない', externalId: 'BILL-0001' });

async function rows() {
  const r = temp.db.read;
  return {
    complaints: await r.complaint.count(),
    events: await r.caseEvent.count(),
    audit: await r.auditLog.count(),
    timers: await r.durableTimer.count(),
    inbound: await r.inboundEvent.count(),
    posts: world.platform.posts.length,
  };
}

async function expectRefused(send: () => Promise<Sent>, status: number, error: string): Promise<Sent> {
  const before = await rows();
  const res = await send();
  expect(res.status).toBe(status);
  expect(res.json.error).toBe(error);
  expect(res.json.message).toMatch(/[ぁ-んァ-ン一-龥]/u);
  expect(await rows()).toEqual(before);
  return res;
}

describe('POST /webhooks/complaints', () => {
  it('records a valid, signed complaint once and starts paging', async () => {
    const res = await signed(VALID);
    expect(res).toMatchObject({ status: 201, json: { id: 1, mode: 'paging', duplicate: false } });
    await waitForStarted();
    expect(await temp.db.read.complaint.findFirst()).toMatchObject({ via: 'webhook', externalId: 'BILL-0001', state: 'paging' });
    expect(world.platform.newPosts('UW02', 'complaint:1:page:')).toHaveLength(1);
    const audit = await temp.db.read.auditLog.findFirst({ where: { action: 'complaint.receive' } });
    expect(audit).toMatchObject({ channel: 'webhook', actorId: null });
  });

  it('refuses a missing or bad signature with 401', async () => {
    await expectRefused(() => post(VALID, { 'content-type': 'application/json' }), 401, 'missing_signature');
    await expectRefused(() => signed(VALID, { secret: 'another-secret-0123456789' }), 401, 'bad_signature');
    const ts = nowSeconds();
    await expectRefused(
      () => post(VALID, { 'content-type': 'application/json', 'x-kaiheisen-timestamp': ts, 'x-kaiheisen-signature': signComplaintWebhook(SECRET, ts, `${VALID} `) }),
      401,
      'bad_signature',
    );
  });

  it('refuses a timestamp more than 5 minutes off with 401 and says why', async () => {
    const stale = String(Math.floor(clock.now().getTime() / 1000) - 6 * 60);
    const res = await expectRefused(() => signed(VALID, { timestamp: stale }), 401, 'stale_timestamp');
    expect(res.json.message).toContain('5分以上ずれています');
    const future = String(Math.floor(clock.now().getTime() / 1000) + 6 * 60);
    await expectRefused(() => signed(VALID, { timestamp: future }), 401, 'stale_timestamp');
  });

  it('refuses a replayed body with 409; the same external id with a new signature returns the first complaint', async () => {
    const ts = nowSeconds();
    expect((await signed(VALID, { timestamp: ts })).status).toBe(201);
    await waitForStarted();
    await expectRefused(() => signed(VALID, { timestamp: ts }), 409, 'replayed');
    clock.advance(1000);
    const again = await signed(VALID);
    expect(again).toMatchObject({ status: 200, json: { id: 1, duplicate: true } });
    expect(await temp.db.read.complaint.count()).toBe(1);
  });

  it('two identical deliveries at the same moment: one is recorded, the other refused as a replay', async () => {
    const ts = nowSeconds();
    const statuses = (await Promise.all([signed(VALID, { timestamp: ts }), signed(VALID, { timestamp: ts })])).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409]);
    await waitForStarted();
    expect(await temp.db.read.complaint.count()).toBe(1);
    expect(await temp.db.read.inboundEvent.count({ where: { platform: 'webhook' } })).toBe(1);
  });

  it('refuses an oversized body with 413 and a wrong content type with 415', async () => {
    const big = JSON.stringify({ kind: 'other', address: '金沢市広坂1丁目1-1', description: 'x'.repeat(70 * 1024) });
    const before = await rows();
    expect((await signed(big)).status).toBe(413);
    expect(await rows()).toEqual(before);
    await expectRefused(() => signed(VALID, { type: 'text/plain' }), 415, 'unsupported_media_type');
    await expectRefused(() => signed(VALID, { type: 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('refuses unreadable JSON and bad fields with 400 and a Japanese message', async () => {
    await expectRefused(() => signed('{"kind": "noWater",'), 400, 'bad_json');
    const badKind = await expectRefused(() => signed(JSON.stringify({ kind: 'fire', address: 'x', description: 'y' })), 400, 'bad_fields');
    expect(badKind.json.message).toContain('kind');
    const nowhere = await expectRefused(() => signed(JSON.stringify({ kind: 'other', description: '水が濁る' })), 400, 'bad_fields');
    expect(nowhere.json.message).toBe('住所かお客さま番号のどちらかを指定してください。');
    await expectRefused(() => signed(JSON.stringify({ kind: 'other', address: '広坂1-1-1', description: '   ' })), 400, 'bad_fields');
  });

  it('is not mounted without a secret', () => {
    const bare = new HttpServer({ logger: silentLogger });
    expect(() => mountComplaintWebhook(bare, complaintWebhookDepsOf({ clock, logger: silentLogger }, world.deps, ''))).toThrow(/COMPLAINT_WEBHOOK_SECRET/);
  });
});
