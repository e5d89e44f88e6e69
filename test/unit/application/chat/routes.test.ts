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

describe('combineRoutes', () => {
  it('refuses the same action id from two modules', () => {
    const a: RouteModule = { name: 'results', buttons: { 'result.form': async () => {} } };
    const b: RouteModule = { name: 'other', buttons: { 'result.form': async () => {} } };
    expect(() => combineRoutes([a, b], async () => {})).toThrow("button 'result.form' registered by both results and other");
  });

  it('tries text routes in order and falls back when none recognises the text', async () => {
    const seen: string[] = [];
    const routes = combineRoutes(
      [
        { name: 'a', text: [async (_t, text) => (seen.push(`a:${text}`), text === 'A')] },
        { name: 'b', text: [async (_t, text) => (seen.push(`b:${text}`), text === 'B')] },
      ],
      async (_t, text) => void seen.push(`fallback:${text}`),
    );
    await routes.text(turn([]), 'A');
    await routes.text(turn([]), 'Z');
    expect(seen).toEqual(['a:A', 'a:Z', 'b:Z', 'fallback:Z']);
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

  it('sends a result through the reply parser and echoes what it understood', async () => {
    const replies: MessageView[] = [];
    const routes = buildChatRoutes({
      ...noOrders,
      readReply: async () => ({ ...unknownReply(), intent: 'result', taskRef: '0012', kind: 'open', outcome: 'done', reading: 1187 }),
    });
    await routes.text(turn(replies), '0012 開栓完了 指針1187');
    expect(replies[0]!.summary).toContain('作業: 0012\n種別: 開栓\n結果: 完了\n指針: 1187');
  });

  it('lets a feature module see text before the parser does', async () => {
    const replies: MessageView[] = [];
    const feature: RouteModule = { name: 'results', text: [async (t) => (await t.reply({ summary: 'feature', blocks: [] }), true)] };
    const routes = buildChatRoutes({ ...noOrders, readReply: async () => ({ ...unknownReply(), intent: 'result' }) }, [feature]);
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
