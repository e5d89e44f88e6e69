import type { ReplyFact } from '../../domain/replies/parsed-reply.ts';
import { keywordOf } from '../chat/routes/keywords.ts';
import { isAcknowledgement } from './answer-words.ts';
import type { Answer } from './flow-answers.ts';

/**
 * The answer to a clarifying yes/no question about one fact (ピンは交換しましたか). Only plain answers count: anything
 * else is asked again, never guessed.
 */
const YES = new Set(['はい', 'はーい', 'うん', 'ええ', 'ok', 'した', 'しました', 'してます', 'しています', 'やった', 'やりました', '済', '済み', '済です', '済みです', '交換済', '交換済み', '交換した', '交換しました', '入れた', '入れました', '投函した', '投函しました', 'あり', 'ある', 'ありました', 'できた', 'できました', '取付済', '封印した', '封印済', '封印済み', '電話した', '電話しました', 'もらった', '得た']);
const NO = new Set(['いいえ', 'いえ', 'いや', 'ううん', 'no', 'してない', 'していない', 'してません', 'していません', 'しなかった', 'しませんでした', 'やってない', 'やっていない', 'なし', '無し', 'ない', '無い', 'まだ', '未', '未実施', 'できなかった', 'できず', 'できていない', 'できてない', '交換してない', '交換していない', '交換なし', '入れてない', '入れていない', '封印なし', '投函してない']);

const TRAILING = /(?:です|でした|ました|よ|ね)$/u;

export function clarifyAnswerOf(fact: ReplyFact, { reply, text }: Answer): boolean | null {
  // 了解 alone acknowledges: a yes only to お客さまの了解は得ましたか.
  if (isAcknowledgement(text)) return fact === 'customerConsent' ? true : null;
  if (reply.intent === 'confirm') return true;
  if (reply.intent === 'deny') return false;
  const word = keywordOf(text);
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  const bare = word.replace(TRAILING, '');
  if (bare !== word && (YES.has(bare) || NO.has(bare))) return YES.has(bare);
  // ピン交換しました: the fact said again, plainly this time (not again unclear).
  if (reply.intent === 'result' && reply.facts[fact] === true && !reply.unclearFacts.includes(fact)) return true;
  return null;
}
