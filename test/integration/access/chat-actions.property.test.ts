import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundEnvelope, InboundPayload } from '../../../src/application/chat/ports.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';

/**
 * Every chat action payload, made up: registered action / form ids with random values, random ids, random text,
 * from known, unknown and bureau users, into the running console bot (the example team and orders of 2026-03-27).
 * No exception escapes, no rejection goes unhandled, every event ends done or failed with an answer to its
 * sender, and no result is half-written.
 */
let t: BotTestContext;
let bot: Bot;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await botTestContext('2026-03-27', '10:00');
  bot = await startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, platforms: { forceConsole: true }, instanceId: 'prop' });
});
afterAll(async () => {
  await bot?.stop();
  await t?.dispose();
  process.off('unhandledRejection', onUnhandled);
});

const USERS = ['w01', 'w02', 'w03', 'w05', 'c01', 'nobody'];
const ORDER_NOS = ['20260327-0012', '20260327-0033', '20260327-0008', '20260327-0099', ''];

/** Names of Object.prototype ('valueOf', 'constructor', ...) are left to the known-gap test below. */
const notPrototypeKey = (s: string) => !(s in Object.prototype);
const idFrom = (known: () => string[]) => fc.oneof(fc.constantFrom(...known()), fc.string({ maxLength: 30 }).filter(notPrototypeKey));

/**
 * Known gap (reported): the handlers of these families finish without a word when the payload names a doubt, incident, complaint
 * or overtime request that does not exist (or one the sender may not act on). Anything else must answer.
 */
const jsonText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.json({ maxDepth: 2 }),
  fc
    .record({ orderNo: fc.constantFrom(...ORDER_NOS), doubtId: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.string()), to: fc.constantFrom(...USERS) }, { requiredKeys: [] })
    .map((o) => JSON.stringify(o)),
);
const fieldValue = fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), fc.constant(undefined), fc.integer().map(String));
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.tuple(fc.constantFrom('0012', '0033', '0008', '0025', '0032', '0009', '0038', '9999'), fc.constantFrom('開栓完了', '閉栓完了', '完了', '不在', '未了', '疑義', '残り', '進捗', '振替'), fc.integer({ min: -5, max: 99999 }))
    .map(([n, w, k]) => `${n} ${w} 指針${k}`),
);

/** Result forms of orders of w02 and w03 (and others'), some complete, some not. */
const reading = fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.string({ maxLength: 6 }));
const resultForms = (ownOrders: readonly string[]): fc.Arbitrary<InboundPayload> => fc
  .record({
    orderNo: fc.constantFrom(...ownOrders, ...ORDER_NOS),
    outcome: fc.constantFrom('done', 'absent', 'not_done', 'x', undefined),
    reading,
    same: fc.boolean(),
    reason: fc.oneof(fc.constant('不在のため'), fc.string({ maxLength: 10 })),
  })
  .map(({ orderNo, outcome, reading: r, same, reason }) => ({
    type: 'form' as const,
    formId: 'result.form',
    state: JSON.stringify({ orderNo }),
    values: { outcome, reading: r, reading2: same ? r : `${r}1`, reason, pilot: 'stopped', outdoorTap: 'flows', valve: 'foundClosed', work: ['consent'] },
  }));

function payloads(ownOrders: readonly string[]): fc.Arbitrary<InboundPayload> {
  const buttons = () => [...Object.keys(bot.routes.buttons), ...Object.keys(bot.routes.formOpeners)];
  return fc.oneof(
    fc.record({ type: fc.constant('button' as const), actionId: idFrom(buttons), value: jsonText }),
    fc.record({
      type: fc.constant('form' as const),
      formId: idFrom(() => Object.keys(bot.routes.forms)),
      state: jsonText,
      values: fc.dictionary(fc.oneof(fc.constantFrom('note', 'outcome', 'reading', 'to', 'reason', 'instruction', 'usage'), fc.string({ maxLength: 8 })), fieldValue),
    }),
    fc.record({ type: fc.constant('text' as const), text }),
    resultForms(ownOrders),
  );
}

/** Orders the plan gave these workers, with their holder: their result forms can succeed, whatever the plan chose. */
async function ordersOf(personIds: string[]): Promise<{ orderNo: string; personId: string }[]> {
  const rows = await t.ctx.db.read.assignment.findMany({
    where: { personId: { in: personIds }, date: '2026-03-27' },
    select: { personId: true, workOrder: { select: { orderNo: true } } },
    orderBy: [{ personId: 'asc' }, { visitOrder: 'asc' }],
  });
  return rows.map((r) => ({ orderNo: r.workOrder.orderNo, personId: r.personId }));
}

let seq = 0;
async function play(userRef: string, payload: InboundPayload) {
  const eventKey = `prop-${++seq}`;
  const envelope: InboundEnvelope = { platform: 'console', eventKey, userRef, receivedAt: t.clock.now(), payload };
  const before = bot.console!.adapter.lastSeq();
  const receipt = await bot.inbox.receive(envelope);
  await bot.inbox.drain();
  const answers = bot.console!.adapter
    .deliveries(before)
    .filter((d) => d.target.kind === 'user' && d.target.userRef === userRef && d.text.trim() !== '');
  const row = await t.ctx.db.read.inboundEvent.findUnique({ where: { platform_eventKey: { platform: 'console', eventKey } } });
  return { receipt, answers, row };
}

describe('every chat action payload (fast-check)', () => {
  it('never throws, never leaves an event unprocessed or unanswered, never half-writes a result', async () => {
    expect(Object.keys(bot.routes.buttons).length).toBeGreaterThan(3);
    const held = await ordersOf(['w02', 'w03']);
    expect(held.length).toBeGreaterThan(3);
    const anyone = fc.tuple(fc.oneof(fc.constantFrom(...USERS), fc.constantFrom('w02', 'w03')), payloads(held.map((h) => h.orderNo)));
    const holderOwnForm = fc.constantFrom(...held).chain((h) => resultForms([h.orderNo]).map((p) => [h.personId, p] as const));
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyone, holderOwnForm), async ([user, payload]) => {
        const { receipt, answers, row } = await play(user, payload);
        expect(row?.state === 'done' || row?.state === 'failed').toBe(true);
        const answered = answers.length > 0 || receipt.form !== undefined || receipt.formErrors !== undefined;
        expect(answered, `no answer to ${user} for ${JSON.stringify(payload)}`).toBe(true);
      }),
      { numRuns: 300, seed: 20260327 },
    );
    expect(unhandled).toEqual([]);
    const results = await t.ctx.db.read.taskResult.findMany({ select: { outcome: true, workOrder: { select: { status: true } } } });
    expect(results.length).toBeGreaterThan(0); // some payloads did record a result (fixed seed)
    for (const r of results) expect(r.workOrder.status).toBe(r.outcome);
  }, 300_000);
});

describe('known gap (reported): a route lookup by an Object.prototype name', () => {
  // The dispatcher reads routes.forms[formId] without an own-property check: 'valueOf' finds Object.prototype.valueOf,
  // the event fails and the sender hears nothing. Turn into `it` once the dispatcher uses Object.hasOwn.
  it('answers a form id "valueOf" as an unknown action', async () => {
    const { answers, row } = await play('w02', { type: 'form', formId: 'valueOf', state: '{}', values: {} });
    expect(row?.state).toBe('done');
    expect(answers.length).toBeGreaterThan(0);
  });
});
