import { describe, expect, it } from 'vitest';
import type { ChatGateway } from '../../../../src/application/chat/delivery.ts';
import { createDispatcher } from '../../../../src/application/chat/dispatcher.ts';
import { INBOUND_LIMITS, measure } from '../../../../src/application/chat/inbound-limits.ts';
import type { ChatDirectory, InboundEnvelope, InboundPayload } from '../../../../src/application/chat/ports.ts';
import { combineRoutes } from '../../../../src/application/chat/routes/compose.ts';
import type { Platform } from '../../../../src/application/chat/view.ts';

const person = { id: 'w02', displayName: '仮野 次郎', affiliation: 'contractor' as const, canSupervise: false, isAdmin: false, active: true };
const directory: ChatDirectory = {
  personByIdentity: async () => person,
  identitiesOf: async () => ({}),
  bureauChannels: async () => ({}),
};
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A dispatcher whose every route only notes that it ran; what the sender is told is in `sent`. */
function world() {
  const sent: string[] = [];
  const ran: string[] = [];
  const gateway: ChatGateway = {
    platforms: ['slack', 'teams', 'console'],
    send: async (_to, view) => (sent.push(view.summary), { delivered: [], failures: [] }),
    openForm: async (_to, form) => (ran.push(`openForm:${form.formId}`), { delivered: [], failures: [] }),
  };
  const form = { formId: 'x.form', title: 'x', submitLabel: 'ok', state: '', fields: [] };
  const routes = combineRoutes(
    [
      {
        name: 'test',
        buttons: { 'x.button': async (_t, value) => void ran.push(`button:${value.length}`) },
        formOpeners: { 'x.form': async () => (ran.push('opener'), form) },
        formValidators: { 'x.form': async () => (ran.push('validator'), undefined) },
        forms: { 'x.form': async () => void ran.push('form') },
      },
    ],
    { handlers: { unknown: async (_t, intent) => void ran.push(`text:${intent.typed.length}`) } },
  );
  const dispatcher = createDispatcher({ directory, gateway, logger: silent, routes, formsOnReceipt: ['slack'], formErrorsOnReceipt: ['slack'] });
  return { dispatcher, sent, ran };
}

const envelope = (platform: Platform, payload: InboundPayload): InboundEnvelope => ({
  platform,
  eventKey: 'e1',
  userRef: 'w02',
  receivedAt: new Date('2026-03-27T01:00:00Z'),
  payload,
});
const text = (platform: Platform, body: string) => envelope(platform, { type: 'text', text: body });
const press = (platform: Platform, actionId: string, value = '') => envelope(platform, { type: 'button', actionId, value });
const submit = (platform: Platform, formId: string, values: Record<string, string | string[] | undefined>, state = '') =>
  envelope(platform, { type: 'form', formId, state, values });

describe('inbound events above the platform limits', () => {
  it('answers an over-long text with the limit and the size, and no route sees it, on every platform', async () => {
    const { dispatcher, sent, ran } = world();
    await dispatcher.process(text('slack', 'あ'.repeat(40_001)));
    await dispatcher.process(text('console', 'a'.repeat(40_001)));
    await dispatcher.process(text('teams', 'あ'.repeat(9_800))); // 29,400 bytes of UTF-8
    expect(ran).toEqual([]);
    expect(sent[0]).toBe(
      'メッセージが長すぎるため受け付けていません。1回に送れるのは40,000文字までです (今回は40,001文字)。いくつかに分けて送ってください。このメッセージは記録していません。',
    );
    expect(sent[1]).toContain('40,000文字まで');
    expect(sent[2]).toContain('1回に送れるのは約28KB (日本語でおよそ9,500文字)までです (今回は約28.7KB)');
  });

  it('lets a text of exactly the limit through, counting characters, not UTF-16 units', async () => {
    const { dispatcher, sent, ran } = world();
    await dispatcher.process(text('slack', 'あ'.repeat(40_000)));
    await dispatcher.process(text('console', '😀'.repeat(40_000))); // 80,000 UTF-16 units, 40,000 characters
    await dispatcher.process(text('teams', 'a'.repeat(28 * 1024)));
    expect(sent).toEqual([]);
    expect(ran).toEqual(['text:40000', 'text:80000', 'text:28672']);
  });

  it('refuses an over-long button value, opening no form, on receipt or later', async () => {
    const { dispatcher, sent, ran } = world();
    const long = 'x'.repeat(2_001);
    expect(await dispatcher.formFor(press('slack', 'x.form', long))).toBeUndefined();
    await dispatcher.process(press('slack', 'x.form', long));
    await dispatcher.process(press('teams', 'x.button', long));
    await dispatcher.process(press('console', 'x.button', 'x'.repeat(2_000)));
    expect(ran).toEqual(['button:2000']);
    expect(sent).toEqual([
      'このボタンの内容が長すぎるため (2,000文字まで) 受け付けていません。最新のメッセージのボタンから操作し直してください。何も記録していません。',
      'このボタンの内容が長すぎるため (2,000文字まで) 受け付けていません。最新のメッセージのボタンから操作し直してください。何も記録していません。',
    ]);
  });

  it('refuses a form with an over-long value, too many fields or items, or an over-long state; checks nothing on receipt', async () => {
    const { dispatcher, sent, ran } = world();
    const tooLong = submit('slack', 'x.form', { note: 'あ'.repeat(3_001) });
    expect(await dispatcher.formErrorsFor(tooLong)).toBeUndefined();
    await dispatcher.process(tooLong);
    await dispatcher.process(submit('teams', 'x.form', { picks: ['ok', 'あ'.repeat(3_001)] }));
    await dispatcher.process(submit('console', 'x.form', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'x']))));
    await dispatcher.process(submit('slack', 'x.form', { picks: Array.from({ length: 101 }, () => 'a') }));
    await dispatcher.process(submit('slack', 'x.form', {}, 's'.repeat(3_001)));
    expect(ran).toEqual([]);
    expect(sent.slice(0, 2)).toEqual(Array(2).fill(
      '入力された内容が長すぎるため受け付けていません。1つの欄に入力できるのは3,000文字までです。短くしてもう一度送ってください。何も記録していません。',
    ));
    expect(sent.slice(2)).toEqual(Array(3).fill('送られたフォームの内容が多すぎるため受け付けていません。フォームを開き直して入力してください。何も記録していません。'));
    await dispatcher.process(submit('slack', 'x.form', { note: 'あ'.repeat(3_000), picks: ['a'] }));
    expect(ran).toEqual(['form']);
  });

  it('keeps the limits as data, one set per platform', () => {
    expect(INBOUND_LIMITS.slack).toMatchObject({ text: { unit: 'chars', max: 40_000 }, buttonValueChars: 2_000, formValueChars: 3_000 });
    expect(INBOUND_LIMITS.teams.text).toEqual({ unit: 'utf8Bytes', max: 28_672 });
    expect(INBOUND_LIMITS.console.text).toEqual(INBOUND_LIMITS.slack.text);
    expect(measure('aé あ😀', 'utf8Bytes')).toBe(1 + 2 + 1 + 3 + 4);
    expect(measure('aé あ😀', 'chars')).toBe(5);
    expect(measure('\uD800x', 'chars')).toBe(2); // a lone surrogate counts as one
  });
});

describe('ids the sender chose', () => {
  const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  const UNKNOWN = 'この操作は受け付けられません (古いボタンか、不明な操作です)。最新のメッセージから操作してください。';

  it.each(inherited)('answers %j as a button, a form or a validator id with the unknown-action answer only', async (id) => {
    const { dispatcher, sent, ran } = world();
    expect(await dispatcher.formFor(press('slack', id, 'v'))).toBeUndefined();
    expect(await dispatcher.formErrorsFor(submit('slack', id, { a: '1' }))).toBeUndefined();
    await dispatcher.process(press('slack', id, 'v'));
    await dispatcher.process(submit('slack', id, { a: '1' }));
    await dispatcher.process(press('teams', id));
    await dispatcher.process(submit('console', id, {}));
    expect(ran).toEqual([]);
    expect(sent).toEqual([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
    expect(sent.join('')).not.toContain('仮野');
  });
});
