import { describe, expect, it } from 'vitest';
import { combineRoutes, type RouteModule } from '../../../../src/application/chat/routes/compose.ts';
import { buildChatRoutes } from '../../../../src/application/chat/routes/index.ts';
import { keywordOf } from '../../../../src/application/chat/routes/keywords.ts';
import type { ChatTurn } from '../../../../src/application/chat/dispatcher.ts';
import type { MessageView } from '../../../../src/application/chat/view.ts';
import { unknownReply } from '../../../../src/domain/replies/parsed-reply.ts';

function turn(replies: MessageView[]): ChatTurn {
  return {
    envelope: { platform: 'console', eventKey: 'k', userRef: 'w02', receivedAt: new Date(), payload: { type: 'text', text: '' } },
    person: { id: 'w02', displayName: '仮野', affiliation: 'contractor', canSupervise: false, isAdmin: false, active: true },
    reply: async (v) => void replies.push(v),
    openForm: async () => {},
  };
}

const noOrders = { orders: { assignedOrders: async () => [], unassignedCount: async () => 0 }, clock: { now: () => new Date('2026-03-27T00:00:00Z') } };

const hint = { handlers: { unknown: async () => {} } };

describe('combineRoutes', () => {
  it('refuses the same action id, or the same intent, from two modules', () => {
    const a: RouteModule = { name: 'results', buttons: { 'result.form': async () => {} } };
    const b: RouteModule = { name: 'other', buttons: { 'result.form': async () => {} } };
    expect(() => combineRoutes([a, b], hint)).toThrow("button 'result.form' registered by both results and other");
    const c: RouteModule = { name: 'doubts', intents: { doubt: async () => {} } };
    const d: RouteModule = { name: 'other', intents: { doubt: async () => {} } };
    expect(() => combineRoutes([c, d], hint)).toThrow("intent 'doubt' registered by both doubts and other");
  });

  it('reads each message once into one intent and calls that intent\'s one handler, whatever the module order', async () => {
    const seen: string[] = [];
    const parsed: string[] = [];
    const modules: RouteModule[] = [
      { name: 'a', intents: { 'doubt.form': async (_t, i) => void seen.push(`doubt.form:${i.typed}`) } },
      { name: 'b', intents: { result: async (_t, i) => void seen.push(`result:${i.reply.taskRef}`) } },
    ];
    const parse = (text: string) => (parsed.push(text), { ...unknownReply(), intent: text.startsWith('0012') ? ('result' as const) : ('unknown' as const), taskRef: '0012' });
    for (const order of [modules, [...modules].reverse()]) {
      const routes = combineRoutes(order, { parse, handlers: { unknown: async (_t, i) => void seen.push(`unknown:${i.typed}`) } });
      await routes.text(turn([]), '疑義');
      await routes.text(turn([]), '0012 開栓完了');
      await routes.text(turn([]), 'こんにちは');
    }
    expect(seen).toEqual(['doubt.form:疑義', 'result:0012', 'unknown:こんにちは', 'doubt.form:疑義', 'result:0012', 'unknown:こんにちは']);
    // The parser ran once per message that no command matched.
    expect(parsed).toEqual(['0012 開栓完了', 'こんにちは', '0012 開栓完了', 'こんにちは']);
  });

  it('reads a lone number as the answer to an open reading question, and as nothing without one', async () => {
    const seen: string[] = [];
    const parse = (text: string, awaiting?: 'reading') => ({ ...unknownReply(), intent: awaiting ? ('result' as const) : ('unknown' as const), reading: awaiting ? Number(text) : null });
    const asking: RouteModule = {
      name: 'results',
      questions: { result: async (personId) => (personId === 'w02' ? { awaitsReading: true } : undefined) },
      intents: { 'result.answer': async (_t, i) => void seen.push(`answer:${i.reply.reading}`) },
    };
    const routes = combineRoutes([asking], { parse, handlers: { unknown: async (_t, i) => void seen.push(`unknown:${i.typed}`) } });
    await routes.text(turn([]), '1187');
    await routes.text({ ...turn([]), person: { ...turn([]).person, id: 'w03' } }, '1187');
    expect(seen).toEqual(['answer:1187', 'unknown:1187']);
  });
});

describe('base chat routes', () => {
  it('answers ヘルプ with the usage, and unknown text with a Japanese hint', async () => {
    const replies: MessageView[] = [];
    const routes = buildChatRoutes(noOrders);
    await routes.text(turn(replies), ' ヘルプ ');
    await routes.text(turn(replies), 'こんにちは');
    expect(replies[0]!.summary).toContain('使い方');
    expect(replies[1]!.summary).toContain('「こんにちは」は読み取れませんでした');
  });

  it('echoes a result no feature takes as understood, recording nothing', async () => {
    const replies: MessageView[] = [];
    const routes = buildChatRoutes({
      ...noOrders,
      parse: () => ({ ...unknownReply(), intent: 'result', taskRef: '0012', kind: 'open', outcome: 'done', reading: 1187 }),
    });
    await routes.text(turn(replies), '0012 開栓完了 指針1187');
    expect(replies[0]!.summary).toContain('作業: 0012\n種別: 開栓\n結果: 完了\n指針: 1187');
  });

  it('gives a feature\'s handler the intents it declares, in place of the echo', async () => {
    const replies: MessageView[] = [];
    const feature: RouteModule = { name: 'results', intents: { result: async (t) => t.reply({ summary: 'feature', blocks: [] }) } };
    const routes = buildChatRoutes({ ...noOrders, parse: () => ({ ...unknownReply(), intent: 'result' }) }, [feature]);
    await routes.text(turn(replies), '0012 開栓完了');
    expect(replies.map((r) => r.summary)).toEqual(['feature']);
  });
});

describe('keywordOf', () => {
  it('folds width, case, spaces and a final full stop', () => {
    expect(keywordOf(' ＨＥＬＰ。')).toBe('help');
    expect(keywordOf('残 り')).toBe('残り');
  });
});
