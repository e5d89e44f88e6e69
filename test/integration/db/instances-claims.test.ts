import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/adapters/db/database.ts';
import { sentConsoleMessages } from '../../../src/adapters/db/console-message-store.ts';
import { releaseDeadLocalClaims } from '../../../src/adapters/db/dead-claims.ts';
import { createDeliveryStore } from '../../../src/adapters/db/delivery-store.ts';
import { createHealthStore } from '../../../src/adapters/db/health-store.ts';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import type { InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { TEST_DIALECT, tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

/**
 * Two stateless instances on one PostgreSQL database (two openDatabase calls on one URL: two pools, two write
 * queues), claiming at the same time. On SQLite the same is covered with two connections to one file in
 * chat/inbox.test.ts and chat/outbox*.test.ts; here the claims race over the network.
 */
const SENDERS = ['U1', 'U2', 'U3'];
const PER_SENDER = 8;
const LEASE_MS = 60_000;
const inAMinute = () => new Date(Date.now() + LEASE_MS);

let temp: TempDatabase | undefined;
let second: Database | undefined;
afterEach(async () => {
  await second?.close();
  second = undefined;
  await temp?.dispose();
  temp = undefined;
});

async function twoInstances(): Promise<[Database, Database]> {
  temp = await tempDatabase();
  second = await openDatabase(temp.url);
  return [temp.db, second];
}

/** Repeats `step` until `done`, within a bound of time (each step is a few round trips). */
async function until(done: () => boolean, step: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('not done within 20 s');
    await step();
  }
}

const envelope = (userRef: string, n: number): InboundEnvelope => ({
  platform: 'slack',
  eventKey: `${userRef}-${n}`,
  userRef,
  receivedAt: new Date(),
  payload: { type: 'text', text: String(n) },
});

describe.skipIf(TEST_DIALECT !== 'postgres')('two instances on one PostgreSQL database', () => {
  it('never both take one inbound event, and handle each sender\'s events one at a time, in the order they were stored', async () => {
    const instances = await twoInstances();
    const stores = instances.map((db) => createInboxStore(db));
    const total = SENDERS.length * PER_SENDER;
    const handled: { sender: string; n: number; by: string }[] = [];
    const inHand = new Set<string>();
    const overlaps: string[] = [];

    // Each sender's events are stored one after the other (each acknowledged before the next is sent), through
    // either instance in turn, while both instances work through the inbox.
    const storing = Promise.all(
      SENDERS.map(async (sender) => {
        for (let n = 0; n < PER_SENDER; n++) await stores[n % 2]!.store(envelope(sender, n));
      }),
    );
    const work = (owner: string, index: number) =>
      until(
        () => handled.length === total,
        async () => {
          const store = stores[index]!;
          const next = await store.next(new Date(), owner);
          if (!next) return;
          if ((await store.claim(next.id, owner, new Date(), inAMinute())) === undefined) return; // the other one got it
          const event = (await store.load(next.id))!.envelope;
          if (inHand.has(event.userRef)) overlaps.push(`${event.eventKey} while another event of ${event.userRef} was in hand`);
          inHand.add(event.userRef);
          handled.push({ sender: event.userRef, n: Number(event.eventKey.split('-')[1]), by: owner });
          await new Promise((resolve) => setImmediate(resolve)); // the other instance gets its turn mid-event
          inHand.delete(event.userRef);
          await store.markDone(next.id, new Date());
        },
      );
    await Promise.all([storing, work('instance-a', 0), work('instance-b', 1)]);

    expect(overlaps).toEqual([]);
    expect(handled).toHaveLength(total);
    for (const sender of SENDERS) {
      expect(handled.filter((h) => h.sender === sender).map((h) => h.n)).toEqual([...Array(PER_SENDER).keys()]);
    }
    expect(new Set(handled.map((h) => h.by))).toEqual(new Set(['instance-a', 'instance-b']));
    const rows = await instances[0].read.inboundEvent.findMany({ select: { state: true, attempts: true } });
    expect(rows.every((r) => r.state === 'done' && r.attempts === 1)).toBe(true);
  });

  it('never both take one delivery, and send each target\'s queue in order, each delivery once', async () => {
    const instances = await twoInstances();
    const stores = instances.map((db) => createDeliveryStore(db));
    const targets = ['UA', 'UB', 'UC'];
    const expired = new Date(Date.now() - 1_000); // written by an instance that died before its first attempt

    // Both instances write to every target at once: each queue gets the deliveries of both, in some order.
    await Promise.all(
      instances.map((_db, i) =>
        (async () => {
          for (let n = 0; n < 6; n++) {
            const userRef = targets[n % targets.length]!;
            const createdAt = new Date();
            await stores[i]!.enqueue(
              {
                dedupeKey: `d-${i}-${n}`,
                platform: 'slack',
                to: { personId: userRef },
                target: { kind: 'user', userRef },
                view: { summary: `${i}-${n}`, blocks: [] },
                targetKey: `slack:${userRef}`,
                expiresAt: new Date(createdAt.getTime() + 3_600_000),
                createdAt,
              },
              `writer-${i}`,
              expired,
            );
          }
        })(),
      ),
    );
    const written = await instances[0].read.delivery.findMany({ orderBy: { id: 'asc' }, select: { id: true, targetKey: true } });
    expect(written).toHaveLength(12);

    const sent: { id: number; targetKey: string; by: string }[] = [];
    const inHand = new Set<number>();
    const doubles: number[] = [];
    const send = async (index: number, owner: string, id: number, targetKey: string) => {
      if (inHand.has(id) || sent.some((s) => s.id === id)) doubles.push(id);
      inHand.add(id);
      await new Promise((resolve) => setImmediate(resolve));
      sent.push({ id, targetKey, by: owner });
      inHand.delete(id);
      await stores[index]!.markSent(id, `ref-${id}`, new Date());
    };
    const work = (owner: string, index: number) =>
      until(
        () => sent.length === written.length,
        async () => {
          const store = stores[index]!;
          for (const d of await store.claimDue(new Date(), owner, inAMinute(), 2)) {
            await send(index, owner, d.id, d.targetKey);
            // What queued behind it goes next, as the sender does: racing the other instance's claimDue.
            for (let next = await store.claimNext(d.targetKey, new Date(), owner, inAMinute()); next; next = await store.claimNext(d.targetKey, new Date(), owner, inAMinute())) {
              await send(index, owner, next.id, next.targetKey);
            }
          }
        },
      );
    await Promise.all([work('instance-a', 0), work('instance-b', 1)]);

    expect(doubles).toEqual([]);
    expect(sent.map((s) => s.id).sort((a, b) => a - b)).toEqual(written.map((w) => w.id));
    for (const target of targets) {
      const queue = written.filter((w) => w.targetKey === `slack:${target}`).map((w) => w.id);
      expect(sent.filter((s) => s.targetKey === `slack:${target}`).map((s) => s.id)).toEqual(queue);
    }
    const rows = await instances[1].read.delivery.findMany({ select: { state: true, attempts: true, claimedBy: true } });
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1 && r.claimedBy === null)).toBe(true);
  });

  it('takes back the claims of a process on this host that died, whichever instance asks', async () => {
    const [a, b] = await twoInstances();
    const store = createInboxStore(a);
    const { id } = await store.store(envelope('U1', 0));
    const dead = `${hostname()}:${spawnSync(process.execPath, ['-e', '0']).pid!}:dead01`;
    expect(await store.claim(id, dead, new Date(), inAMinute())).toBe(1);
    expect(await createInboxStore(b).next(new Date(), 'instance-b')).toBeUndefined();
    expect(await releaseDeadLocalClaims(b)).toBe(1);
    expect(await createInboxStore(b).next(new Date(), 'instance-b')).toEqual({ id, attempts: 1 });
  });

  it('probes a write on the server: ok, read-only once the server refuses writes (no free-disk figure: the disk is the server\'s)', async () => {
    const [a] = await twoInstances();
    const health = createHealthStore(a);
    expect(await health.probeWrite(100)).toEqual({ state: 'ok', detail: 'write ok' });
    expect(await a.read.pollerMark.count()).toBe(0); // rolled back
    const admin = new pg.Client({ connectionString: temp!.url });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${new URL(temp!.url).pathname.slice(1)}" SET default_transaction_read_only = on`);
      // The instances' connections start again with the new default (the pools replace what the server ends).
      await admin.query('SELECT pg_terminate_backend("pid") FROM pg_stat_activity WHERE "datname" = current_database() AND "pid" <> pg_backend_pid()');
    } finally {
      await admin.end();
    }
    // A pooled connection the server ended may not have heard of it yet: that probe fails as 'error', the next is read-only.
    const probe = await health.probeWrite(100).then((first) => (first.state === 'error' ? health.probeWrite(100) : first));
    expect(probe).toEqual({ state: 'read-only', detail: 'read-only (25006)' });
  });
});

describe(`the console's sent messages on ${TEST_DIALECT}`, () => {
  it('come back from the outbox in the order they were sent', async () => {
    temp = await tempDatabase();
    const store = createDeliveryStore(temp.db);
    const at = new Date('2026-03-27T01:00:00Z');
    for (const [n, text] of ['一通目', '二通目'].entries()) {
      const target = { kind: 'user' as const, userRef: 'w02' };
      const { delivery } = await store.enqueue(
        { dedupeKey: `c-${n}`, platform: 'console', to: { personId: 'w02' }, target, view: { summary: text, blocks: [] }, targetKey: 'console:w02', expiresAt: new Date(at.getTime() + 3_600_000), createdAt: at },
        'bot',
        new Date(at.getTime() + LEASE_MS),
      );
      await store.markSent(delivery.id, `console-${n}`, new Date(at.getTime() + n * 1_000));
    }
    expect((await sentConsoleMessages(temp.db)).map((m) => [m.ref, m.view.summary])).toEqual([
      ['console-0', '一通目'],
      ['console-1', '二通目'],
    ]);
  });
});
