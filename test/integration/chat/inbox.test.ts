import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { type Database } from '../../../src/adapters/db/database.ts';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import { createInbox, type InboxDeps, type ParkedEvent } from '../../../src/application/chat/inbox.ts';
import type { InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { AppError, ErrorCode } from '../../../src/errors.ts';
import { TEST_DIALECT, tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
const others: Database[] = [];
afterEach(async () => {
  for (const db of others.splice(0)) await db.close();
  await temp?.dispose();
});

const START = '2026-03-27T01:02:03.456Z';
const envelope = (eventKey: string, text = '0012 開栓完了 指針1187', userRef = 'UW02'): InboundEnvelope => ({
  platform: 'slack',
  eventKey,
  userRef,
  receivedAt: new Date(START),
  payload: { type: 'text', text },
});

type Setup = Partial<InboxDeps> & Pick<InboxDeps, 'process'>;
const inboxOn = (db: Database, clock: VirtualClock, deps: Setup) =>
  createInbox({ store: createInboxStore(db), logger: createLogger('silent'), clock, owner: 'a', ...deps });

/** A process() that waits until the test opens the gate for that event. */
function gated() {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  return {
    started,
    process: (e: InboundEnvelope) => {
      started.push(e.eventKey);
      return new Promise<void>((resolve) => gates.set(e.eventKey, resolve));
    },
    open: (key: string) => gates.get(key)!(),
  };
}

const rows = (db: Database) =>
  db.read.inboundEvent.findMany({ orderBy: { id: 'asc' }, select: { eventKey: true, state: true, attempts: true, claimedBy: true } });

describe('inbox: persist first, then work', () => {
  it('stores an event once and processes it once, however often it is delivered, with its stored id', async () => {
    temp = await tempDatabase();
    const seen: [string, number][] = [];
    const inbox = inboxOn(temp.db, new VirtualClock(START), { process: async (e, meta) => void seen.push([e.eventKey, meta.eventId]) });
    expect((await inbox.receive(envelope('Ev1'))).duplicate).toBe(false);
    expect((await inbox.receive(envelope('Ev1'))).duplicate).toBe(true);
    await inbox.drain();
    const row = await temp.db.read.inboundEvent.findFirstOrThrow();
    expect(seen).toEqual([['Ev1', row.id]]);
    expect(row).toMatchObject({ state: 'done', attempts: 1, claimedBy: 'a', orderKey: 'slack:UW02', leaseUntil: null });
    expect(row.receivedAt.toISOString()).toBe(START);
  });

  it('deduplicates across two instances on one database', async () => {
    temp = await tempDatabase();
    const other = await openDatabase(temp.url);
    others.push(other);
    const a = createInboxStore(temp.db);
    const b = createInboxStore(other);
    const results = await Promise.all([a.store(envelope('Ev2')), b.store(envelope('Ev2'))]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await temp.db.read.inboundEvent.count()).toBe(1);
  });

  it('a crash after the acknowledgement loses nothing: recover() processes stored, unfinished events', async () => {
    temp = await tempDatabase();
    await createInboxStore(temp.db).store(envelope('Ev3', 'はい')); // stored and acknowledged, then the process died
    await temp.db.close();
    temp.db = await openDatabase(temp.url);
    const seen: InboundEnvelope[] = [];
    const restarted = inboxOn(temp.db, new VirtualClock(START), { process: async (e) => void seen.push(e) });
    expect(await restarted.recover()).toBe(1);
    await restarted.drain();
    expect(seen.map((e) => [e.eventKey, e.payload])).toEqual([['Ev3', { type: 'text', text: 'はい' }]]);
    expect(seen[0]?.receivedAt).toBeInstanceOf(Date);
  });
});

describe('claims with an owner and a lease', () => {
  it('an event another instance holds is left alone until its lease runs out, then taken over (the attempt counts)', async () => {
    temp = await tempDatabase();
    const clock = new VirtualClock(START);
    const crashed = inboxOn(temp.db, clock, { owner: 'a', process: () => new Promise(() => undefined), settings: { leaseMs: 45_000 } });
    await crashed.receive(envelope('Ev4'));
    await waitFor(async () => (await rows(temp.db))[0]!.claimedBy === 'a'); // claimed, then the process died
    const other = await openDatabase(temp.url);
    others.push(other);
    const seen: string[] = [];
    const b = inboxOn(other, clock, { owner: 'b', process: async (e) => void seen.push(e.eventKey) });
    expect(await b.recover()).toBe(0);
    clock.advance(44_000);
    await b.poll(clock.now());
    await b.drain();
    expect(seen).toEqual([]);
    clock.advance(2_000);
    await b.poll(clock.now());
    await b.drain();
    expect(seen).toEqual(['Ev4']);
    expect(await rows(temp.db)).toEqual([{ eventKey: 'Ev4', state: 'done', attempts: 2, claimedBy: 'b' }]);
  });

  it('the same instance id restarted takes its own claims back at once', async () => {
    temp = await tempDatabase();
    const clock = new VirtualClock(START);
    await inboxOn(temp.db, clock, { owner: 'bot', process: () => new Promise(() => undefined) }).receive(envelope('Ev5'));
    await waitFor(async () => (await rows(temp.db))[0]!.claimedBy === 'bot'); // claimed, then the process died
    const seen: string[] = [];
    const again = inboxOn(temp.db, clock, { owner: 'bot', process: async (e) => void seen.push(e.eventKey) });
    expect(await again.recover()).toBe(1);
    await again.drain();
    expect(seen).toEqual(['Ev5']);
  });

  it("one sender's events are handled in order across two instances; other senders are not held up", async () => {
    temp = await tempDatabase();
    const clock = new VirtualClock(START);
    const other = await openDatabase(temp.url);
    others.push(other);
    const g = gated(); // shared by both instances: `started` says who began what, in which order
    const instA = inboxOn(temp.db, clock, { owner: 'a', process: g.process });
    const instB = inboxOn(other, clock, { owner: 'b', process: g.process });
    await instA.receive(envelope('first'));
    await waitFor(() => g.started.includes('first'));
    await instB.receive(envelope('second')); // the same sender, on the other instance, while `first` is worked on
    await instB.receive(envelope('someone-else', 'hi', 'UW03'));
    await waitFor(() => g.started.includes('someone-else'));
    g.open('someone-else');
    await instB.drain();
    await instB.poll(clock.now());
    await instB.drain();
    expect(g.started).toEqual(['first', 'someone-else']); // `second` waits for `first`
    g.open('first');
    await waitFor(async () => (await rows(temp.db))[0]!.state === 'done');
    await instB.poll(clock.now()); // A, now free, may take `second` itself; else B's poller does
    await waitFor(() => g.started.includes('second'));
    g.open('second');
    await Promise.all([instA.drain(), instB.drain()]);
    expect(g.started).toEqual(['first', 'someone-else', 'second']);
    expect((await rows(temp.db)).map((r) => [r.eventKey, r.state, r.attempts])).toEqual([
      ['first', 'done', 1],
      ['second', 'done', 1],
      ['someone-else', 'done', 1],
    ]);
  });
});

describe('a write that fails after the work', () => {
  it('leaves the event claimed by this instance, which takes it again on its next poll', async () => {
    temp = await tempDatabase();
    const store = createInboxStore(temp.db);
    let failMarkDone = true;
    const flaky = { ...store, markDone: async (id: number, now: Date) => (failMarkDone ? Promise.reject(new Error('disk I/O error')) : store.markDone(id, now)) };
    const seen: string[] = [];
    const clock = new VirtualClock(START);
    const inbox = inboxOn(temp.db, clock, { store: flaky, process: async (e) => void seen.push(e.eventKey) });
    await inbox.receive(envelope('Ev6'));
    await inbox.drain();
    expect(await rows(temp.db)).toEqual([{ eventKey: 'Ev6', state: 'received', attempts: 1, claimedBy: 'a' }]);
    failMarkDone = false; // the disk has room again; the lease (45 s) has not run out
    await inbox.poll(clock.now());
    await inbox.drain();
    expect(seen).toEqual(['Ev6', 'Ev6']); // its effects are the exactly-once layer's to keep single (event id)
    expect(await rows(temp.db)).toEqual([{ eventKey: 'Ev6', state: 'done', attempts: 2, claimedBy: 'a' }]);
  });
});

describe('parking', () => {
  it('an instance without the current data key gives the event back uncounted and holds off; one with the key handles it', async () => {
    temp = await tempDatabase();
    const clock = new VirtualClock(START);
    const keyless = inboxOn(temp.db, clock, {
      process: async () => {
        throw new AppError(ErrorCode.KeyUnavailable, '個人情報の暗号鍵 3b3f07609a がありません');
      },
    });
    await keyless.receive(envelope('EvKey'));
    await keyless.drain();
    await keyless.poll(clock.now());
    await keyless.drain();
    expect(await rows(temp.db)).toEqual([{ eventKey: 'EvKey', state: 'received', attempts: 0, claimedBy: null }]);
    const handled: string[] = [];
    const keyed = createInbox({ store: createInboxStore(temp.db), logger: createLogger('silent'), clock, owner: 'b', process: async (e) => void handled.push(e.eventKey) });
    await keyed.poll(clock.now());
    await keyed.drain();
    expect(handled).toEqual(['EvKey']);
    expect(await rows(temp.db)).toEqual([{ eventKey: 'EvKey', state: 'done', attempts: 1, claimedBy: 'b' }]);
  });

  it('an event that keeps failing is tried 3 times, then parked once; the events behind it go on', async () => {
    temp = await tempDatabase();
    const parked: ParkedEvent[] = [];
    const seen: string[] = [];
    const inbox = inboxOn(temp.db, new VirtualClock(START), {
      process: async (e) => {
        seen.push(e.eventKey);
        if (e.eventKey === 'bad') throw new Error('boom');
      },
      onParked: async (p) => void parked.push(p),
    });
    await inbox.receive(envelope('bad'));
    await inbox.receive(envelope('good')); // the same sender
    await inbox.drain();
    expect(seen).toEqual(['bad', 'bad', 'bad', 'good']);
    expect(await rows(temp.db)).toEqual([
      { eventKey: 'bad', state: 'failed', attempts: 3, claimedBy: 'a' },
      { eventKey: 'good', state: 'done', attempts: 1, claimedBy: 'a' },
    ]);
    expect(parked.map((p) => [p.envelope.eventKey, p.attempts, p.error])).toEqual([['bad', 3, 'boom']]);
    expect((await temp.db.read.inboundEvent.findFirstOrThrow({ where: { eventKey: 'bad' } })).error).toBe('boom');
  });

  it('an attempt over its time budget counts as failed: the loop moves on, and after 3 the event is parked', async () => {
    temp = await tempDatabase();
    const clock = new VirtualClock(START);
    const parked: number[] = [];
    const g = gated();
    const inbox = inboxOn(temp.db, clock, { process: g.process, settings: { timeBudgetMs: 30_000 }, onParked: async (p) => void parked.push(p.attempts) });
    await inbox.receive(envelope('slow'));
    await inbox.receive(envelope('next'));
    for (let attempt = 1; attempt <= 3; attempt++) {
      await waitFor(() => g.started.length === attempt);
      clock.advance(29_000);
      await inbox.poll(clock.now());
      expect(g.started).toHaveLength(attempt); // within its budget: not given up yet
      clock.advance(1_000);
      await inbox.poll(clock.now());
    }
    await waitFor(() => g.started.includes('next'));
    g.open('next');
    await inbox.drain();
    expect(g.started).toEqual(['slow', 'slow', 'slow', 'next']);
    expect(parked).toEqual([3]);
    const slow = await temp.db.read.inboundEvent.findFirstOrThrow({ where: { eventKey: 'slow' } });
    expect(slow).toMatchObject({ state: 'failed', attempts: 3 });
    expect(slow.error).toContain('time budget');
  });

  it('an event whose processing never finishes because the process dies each time is parked after 3 starts', async () => {
    temp = await tempDatabase();
    const clock = new VirtualClock(START);
    await createInboxStore(temp.db).store(envelope('poison'));
    for (let start = 1; start <= 3; start++) {
      const dying = inboxOn(temp.db, clock, { owner: `run-${start}`, process: () => new Promise(() => undefined) });
      await dying.recover();
      await waitFor(async () => (await rows(temp.db))[0]!.attempts === start);
      clock.advance(60_000); // the lease of the dead instance runs out
    }
    const parked: ParkedEvent[] = [];
    const seen: string[] = [];
    const last = inboxOn(temp.db, clock, { owner: 'run-4', process: async (e) => void seen.push(e.eventKey), onParked: async (p) => void parked.push(p) });
    await last.recover();
    await last.drain();
    expect(seen).toEqual([]);
    expect(parked.map((p) => [p.envelope.eventKey, p.attempts])).toEqual([['poison', 3]]);
    expect(await rows(temp.db)).toEqual([{ eventKey: 'poison', state: 'failed', attempts: 3, claimedBy: 'run-3' }]);
  });
});

describe('a database that cannot take the event', () => {
  // A full database is made with SQLite's max_page_count; nothing on PostgreSQL fills up on demand.
  it.skipIf(TEST_DIALECT === 'postgres')('rejects receive() with a Japanese message, logs nothing personal, and raises the alarm', async () => {
    temp = await tempDatabase();
    const alarms: string[] = [];
    const logged: string[] = [];
    const logger = { ...createLogger('silent'), error: (message: string, fields?: object) => void logged.push(`${message} ${JSON.stringify(fields)}`) };
    const inbox = inboxOn(temp.db, new VirtualClock(START), { logger, process: async () => undefined, onStoreFailed: (_e, error) => void alarms.push(error.message) });
    const raw = sqliteOnly(temp.db, 'この処理').rawConnection();
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
    const big = envelope('Ev-full', 'あ'.repeat(20_000));
    await expect(inbox.receive(big)).rejects.toThrow('データベースに書き込めません');
    expect(alarms).toEqual([expect.stringMatching(/full/i)]);
    expect(logged).toEqual([expect.stringMatching(/inbound event not stored.*full/)]);
    expect(logged.join('')).not.toContain('あ');
    expect(await temp.db.read.inboundEvent.count()).toBe(0);
    raw.pragma('max_page_count = 1073741823');
    expect((await inbox.receive(big)).duplicate).toBe(false); // the platform's retry
    await inbox.drain();
    expect(await rows(temp.db)).toEqual([{ eventKey: 'Ev-full', state: 'done', attempts: 1, claimedBy: 'a' }]);
  });
});

/** Bounded poll of a condition the background work makes true (no wall-clock sleep for its own sake). */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setTimeout(r, 2));
  }
}
