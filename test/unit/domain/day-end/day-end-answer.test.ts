import { describe, expect, it } from 'vitest';
import { dayEndAnswerOf } from '../../../../src/domain/day-end/day-end-answer.ts';

describe('dayEndAnswerOf', () => {
  it.each(['はい', '終わりました', '本日の作業すべて完了しました', '完了です', 'はい、全部終わりました', 'ＯＫ', '今日は全部終わりました！'])('%s → done', (text) =>
    expect(dayEndAnswerOf(text)).toBe('done'),
  );
  it.each(['いいえ', 'まだです', 'まだ残っています', 'いいえ、まだです', '終わっていません'])('%s → notYet', (text) => expect(dayEndAnswerOf(text)).toBe('notYet'));
  it.each(['完了 指針2250', '0002 完了', '了解', '犬がいて終わりました', '', '伝達 明日は点検'])('%s → not an answer', (text) => expect(dayEndAnswerOf(text)).toBeUndefined());
});
