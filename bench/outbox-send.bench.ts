import { sqliteOnly } from '../src/adapters/db/sqlite/sqlite-database.ts';
/**
 * `npm run bench -- outbox-send [--sends 3000] [--history 20000]`
 * What the outbox adds to one chat send (its first attempt runs inline, on the path of the event that sends it):
 * the chat gateway on a temp encrypted SQLite file (the real chat directory, message refs and delivery store), a
 * platform that takes every post at once, 20 people. The same sends without the outbox are the floor; the outbox's
 * own store calls are timed apart too. The outbox starts with `--history` sent deliveries (about a month of a team's
 * messages), so the indexed look-ups run on a table of realistic size. Half the sends are keyed views (updated in
 * place), half plain messages, to the 20 people round robin. The store's calls are timed apart: a send's write (with
 * the look-up for an earlier pending delivery to its target) and mark-sent, and the look-up for a delivery queued
 * behind it. Last line: one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { VirtualClock } from '../src/adapters/clock/clocks.ts';
import { sha256Hex } from '../src/adapters/crypto/content-hash.ts';
import { createChatDirectory, createMessageRefStore } from '../src/adapters/db/chat-directory-store.ts';
import { createDeliveryStore } from '../src/adapters/db/delivery-store.ts';
import { createLogger } from '../src/adapters/log/logger.ts';
import { deliveryCauses } from '../src/adapters/scheduler/delivery-cause.ts';
import { createChatGateway, type ChatGateway } from '../src/application/chat/delivery.ts';
import type { DeliveryStore } from '../src/application/chat/delivery-ports.ts';
import { createDeliverySender } from '../src/application/chat/delivery-sender.ts';
import type { PlatformAdapter } from '../src/application/chat/ports.ts';
import type { MessageView } from '../src/application/chat/view.ts';
import { encryptedTempDatabase } from '../test/support/test-cipher.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SENDS = Math.min(arg('sends', 3_000), 20_000);
const HISTORY = Math.min(arg('history', 20_000), 200_000);
const WARMUP = 300;
const PEOPLE = 20;
const logger = createLogger('silent');

/** A platform that takes every post at once (no network): only the bot's own cost is measured. */
function instantPlatform(): PlatformAdapter {
  let n = 0;
  return {
    platform: 'slack',
    post: async (_target, _view, existingRef) => existingRef ?? `1774569600.${String(++n).padStart(6, '0')}`,
    openForm: async () => {},
    start: async () => {},
    stop: async () => {},
  };
}

const view = (i: number): MessageView => {
  const person = `w${String(i % PEOPLE).padStart(2, '0')}`;
  const text = i % 2 ? `結果を記録しました。 作業 ${String(i).padStart(4, '0')}` : `本日の作業 (${i % 7} 件)`;
  return { ...(i % 2 ? {} : { key: `day:2026-03-27:${person}` }), summary: text, blocks: [{ type: 'text', text }] };
};

function figures(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const us = (v: number) => Math.round(v * 1000);
  return { meanUs: us(mean), p50Us: us(at(0.5)), p99Us: us(at(0.99)), maxUs: us(sorted.at(-1)!) };
}

async function timeSends(gateway: ChatGateway, count: number, offset: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const started = performance.now();
    await gateway.send({ personId: `w${String(n % PEOPLE).padStart(2, '0')}` }, view(n));
    ms.push(performance.now() - started);
  }
  return ms;
}

/** Sent deliveries written straight into the table (the outbox as it looks after weeks of use). */
function writeHistory(t: Awaited<ReturnType<typeof encryptedTempDatabase>>, count: number): void {
  const raw = sqliteOnly(t.db, 'この処理').rawConnection();
  const columns = new Set((raw.prepare(`PRAGMA table_info("Delivery")`).all() as { name: string }[]).map((c) => c.name));
  const hasTarget = columns.has('targetKey');
  const insert = raw.prepare(
    `INSERT INTO "Delivery" ("dedupeKey", "platform", "recipient", "view", "state", "attempts", "nextAttemptAt", "createdAt", "sentAt", "messageRef"${hasTarget ? ', "targetKey"' : ''})
     VALUES (?, 'slack', ?, 'enc:v1:x', 'sent', 1, ?, ?, ?, ?${hasTarget ? ', ?' : ''})`,
  );
  const at = '2026-03-01T00:00:00.000+00:00';
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const user = `UW${String(i % PEOPLE).padStart(2, '0')}`;
      const recipient = JSON.stringify({ to: { personId: `w${String(i % PEOPLE).padStart(2, '0')}` }, target: { kind: 'user', userRef: user } });
      const params = [`history:${i}`, recipient, at, at, at, `ref-${i}`];
      insert.run(...params, ...(hasTarget ? [`slack:user:${user}`] : []));
    }
  })();
}

async function main(): Promise<void> {
  const t = await encryptedTempDatabase();
  try {
    await t.db.write(async (tx) => {
      for (let i = 0; i < PEOPLE; i++) {
        const id = `w${String(i).padStart(2, '0')}`;
        await tx.person.create({ data: { id, affiliation: 'contractor', name: `試験 ${id}` } });
        await tx.chatIdentity.create({ data: { platform: 'slack', externalId: `UW${String(i).padStart(2, '0')}`, personId: id } });
      }
    });
    writeHistory(t, HISTORY);
    const clock = new VirtualClock(new Date('2026-03-26T23:30:00Z'));
    const store: DeliveryStore = createDeliveryStore(t.db);
    const base = { adapters: [instantPlatform()], directory: createChatDirectory(t.db), refs: createMessageRefStore(t.db), logger };
    let seq = 0;
    const sender = createDeliverySender({ ...base, adapters: new Map(base.adapters.map((a) => [a.platform, a] as const)), store, clock, instanceId: 'bench', admins: async () => [] });
    const outbox = { store, causes: deliveryCauses, clock, instanceId: 'bench', hash: sha256Hex, newId: () => `b${++seq}`, queue: sender };
    const direct = createChatGateway(base);
    const durable = createChatGateway({ ...base, outbox });

    await timeSends(direct, WARMUP, 0);
    await timeSends(durable, WARMUP, 0);
    // Alternating blocks of 100: both see the same table size and background.
    const directMs: number[] = [];
    const durableMs: number[] = [];
    for (let done = 0; done < SENDS; done += 100) {
      directMs.push(...(await timeSends(direct, 100, WARMUP + done)));
      durableMs.push(...(await timeSends(durable, 100, WARMUP + done)));
      clock.advance(1_000);
    }

    // The outbox's own calls for one send (write, then mark sent), without the directory and the refs.
    const storeMs: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const user = `UW${String(i % PEOPLE).padStart(2, '0')}`;
      const target = { kind: 'user', userRef: user } as const;
      const started = performance.now();
      const written = await store.enqueue(
        {
          dedupeKey: `store:${i}`,
          platform: 'slack',
          to: { personId: `w${String(i % PEOPLE).padStart(2, '0')}` },
          target,
          targetKey: `slack:user:${user}`,
          view: view(i),
          ...(i % 2 ? {} : { logicalKey: `slack:day:2026-03-27:w${String(i % PEOPLE).padStart(2, '0')}@user:${user}` }),
          expiresAt: new Date(clock.now().getTime() + 86_400_000),
          createdAt: clock.now(),
        },
        'bench',
        new Date(clock.now().getTime() + 60_000),
      );
      await store.markSent(written.delivery.id, `ref-${i}`, clock.now());
      storeMs.push(performance.now() - started);
    }

    // The look-up a send makes once its own delivery went out: anything queued behind it? (nothing here)
    const nextMs: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const started = performance.now();
      await store.claimNext(`slack:user:UW${String(i % PEOPLE).padStart(2, '0')}`, clock.now(), 'bench', new Date(clock.now().getTime() + 60_000));
      nextMs.push(performance.now() - started);
    }

    const d = figures(directMs);
    const q = figures(nextMs);
    const o = figures(durableMs);
    const s = figures(storeMs);
    console.log(`sends ${SENDS} (history ${HISTORY} deliveries, ${PEOPLE} people, half keyed views)`);
    console.log(`  without outbox: mean ${d.meanUs} µs  p50 ${d.p50Us}  p99 ${d.p99Us}  max ${d.maxUs}`);
    console.log(`  with outbox:    mean ${o.meanUs} µs  p50 ${o.p50Us}  p99 ${o.p99Us}  max ${o.maxUs}`);
    console.log(`  outbox store calls only (write + mark sent): mean ${s.meanUs} µs  p50 ${s.p50Us}  p99 ${s.p99Us}`);
    console.log(`  queue look-up after a send (claimNext, empty queue): mean ${q.meanUs} µs  p50 ${q.p50Us}  p99 ${q.p99Us}`);
    console.log(JSON.stringify({ bench: 'outbox-send', sends: SENDS, history: HISTORY, withoutOutbox: d, withOutbox: o, outboxCostMeanUs: o.meanUs - d.meanUs, outboxCostP50Us: o.p50Us - d.p50Us, storeCalls: s, claimNext: q }));
  } finally {
    await t.dispose();
  }
}

await main();
