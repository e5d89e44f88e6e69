import { afterEach, describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { openDatabase } from '../../../src/adapters/db/database.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import { createInbox } from '../../../src/application/chat/inbox.ts';
import type { InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
afterEach(async () => temp?.dispose());

const envelope = (eventKey: string, text = '0012 開栓完了 指針1187'): InboundEnvelope => ({
  platform: 'slack',
  eventKey,
  userRef: 'UW02',
  receivedAt: new Date('2026-03-27T01:02:03.456Z'),
  payload: { type: 'text', text },
});

describe('inbox: persist first, then work', () => {
  it('stores an event once and processes it once, however often it is delivered', async () => {
    temp = await tempDatabase();
    const seen: string[] = [];
    const inbox = createInbox({
      store: createInboxStore(temp.db),
      logger: createLogger('silent'),
      process: async (e) => void seen.push(e.eventKey),
    });
    expect((await inbox.receive(envelope('Ev1'))).duplicate).toBe(false);
    expect((await inbox.receive(envelope('Ev1'))).duplicate).toBe(true);
    await inbox.drain();
    expect(seen).toEqual(['Ev1']);
    const row = await temp.db.read.inboundEvent.findFirstOrThrow();
    expect(row.state).toBe('done');
    expect(row.receivedAt.toISOString()).toBe('2026-03-27T01:02:03.456Z');
  });

  it('deduplicates across two instances on one database', async () => {
    temp = await tempDatabase();
    const other = await openDatabase(temp.url);
    try {
      const a = createInboxStore(temp.db);
      const b = createInboxStore(other);
      const results = await Promise.all([a.store(envelope('Ev2')), b.store(envelope('Ev2'))]);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await temp.db.read.inboundEvent.count()).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('a crash after the acknowledgement loses nothing: recover() processes stored, unfinished events', async () => {
    temp = await tempDatabase();
    const crashed = createInbox({
      store: createInboxStore(temp.db),
      logger: createLogger('silent'),
      process: () => new Promise(() => undefined), // never finishes: the process dies here
    });
    await crashed.receive(envelope('Ev3', 'はい'));
    await temp.db.close();
    temp.db = await openDatabase(temp.url);
    const seen: InboundEnvelope[] = [];
    const restarted = createInbox({
      store: createInboxStore(temp.db),
      logger: createLogger('silent'),
      process: async (e) => void seen.push(e),
    });
    expect(await restarted.recover()).toBe(1);
    await restarted.drain();
    expect(seen.map((e) => [e.eventKey, e.payload])).toEqual([['Ev3', { type: 'text', text: 'はい' }]]);
    expect(seen[0]?.receivedAt).toBeInstanceOf(Date);
  });

  it('marks a failing event failed and keeps going', async () => {
    temp = await tempDatabase();
    const inbox = createInbox({
      store: createInboxStore(temp.db),
      logger: createLogger('silent'),
      process: async (e) => {
        if (e.eventKey === 'bad') throw new Error('boom');
      },
    });
    await inbox.receive(envelope('bad'));
    await inbox.receive(envelope('good'));
    await inbox.drain();
    const states = await temp.db.read.inboundEvent.findMany({ orderBy: { id: 'asc' }, select: { eventKey: true, state: true } });
    expect(states).toEqual([
      { eventKey: 'bad', state: 'failed' },
      { eventKey: 'good', state: 'done' },
    ]);
  });
});

describe('a failing event', () => {
  it('is answered: the sender hears that it did not complete', async () => {
    temp = await tempDatabase();
    const told: string[] = [];
    const inbox = createInbox({
      store: createInboxStore(temp.db),
      logger: createLogger('silent'),
      process: async () => Promise.reject(new Error('boom')),
      onFailure: async (e) => void told.push(e.eventKey),
    });
    await inbox.receive(envelope('Ev9'));
    await inbox.drain();
    expect(told).toEqual(['Ev9']);
  });
});
