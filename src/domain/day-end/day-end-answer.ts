/**
 * A worker's plain answer to 「本日の作業は完了しましたか」: yes (はい, 終わりました, 本日の作業すべて完了しました,
 * はい、全部終わりました), not yet (いいえ, まだです, まだ残っています), or not an answer to that question at all
 * (undefined). Only short texts made of nothing but these words count: a number (「完了 指針2250」) or any other word
 * means the text is about something else, a result for instance.
 */
export type DayEndAnswer = 'done' | 'notYet';

const YES = ['はい', 'はーい', 'ええ', 'うん', 'ok', 'おk', 'yes'];
const DONE = ['完了しました', '完了してます', '完了', '終わりました', '終わった', '終わり', 'おわりました', 'おわった', '終了しました', '終了', '済みました', '済み', '済んだ', '済'];
const NOT_YET = [
  'いいえ', 'いえ', 'まだ', '残っています', '残ってます', '残っている', '残ってる', '残りあり', '残りがあります', '残りがある',
  '終わっていません', '終わってません', '終わっていない', '終わってない', '完了していません', '完了してない', '未完了',
];
/** Words that carry nothing by themselves here. */
const FILLER = ['本日の作業', '今日の作業', '本日は', '今日は', '本日', '今日', '作業は', '作業', 'すべて', '全て', '全部', 'ぜんぶ', 'みんな', 'は', 'も', 'が', 'です', 'でした', 'ます', 'ました', 'しました', 'よ', 'ね'];
const MAX_CHARS = 30;

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const WORDS: [string, 'yes' | 'done' | 'notYet' | 'filler'][] = byLength([...YES, ...DONE, ...NOT_YET, ...FILLER]).map((w) => [
  w,
  NOT_YET.includes(w) ? 'notYet' : DONE.includes(w) ? 'done' : YES.includes(w) ? 'yes' : 'filler',
]);

/** The answer, or undefined when the text is not (only) an answer to the day-end question. */
export function dayEndAnswerOf(text: string): DayEndAnswer | undefined {
  let rest = text.normalize('NFKC').toLowerCase().replace(/[\s、。,.!！?？ー〜~…・]+/gu, '');
  if (rest === '' || rest.length > MAX_CHARS || /\d/.test(rest)) return undefined;
  const seen = new Set<string>();
  while (rest !== '') {
    const hit = WORDS.find(([w]) => rest.startsWith(w));
    if (!hit) return undefined;
    seen.add(hit[1]);
    rest = rest.slice(hit[0].length);
  }
  if (seen.has('notYet')) return 'notYet';
  return seen.has('done') || seen.has('yes') ? 'done' : undefined;
}
