/**
 * Whether a chat text reports an incident (事故), as typed on a phone:
 *   事故 0032 メーターボックスの蓋を割ってしまいました   0032 事故 …   事故 配管から漏水、床が濡れた
 *   作業中に事故がありました (事故 in the middle)          事故 / 事故報告 alone → the report form
 * 事故 anywhere in the text is an incident unless every mention is negated or a set phrase that reports none
 * (事故なし, 事故はありません, 無事故, 事故防止 …): those are ordinary text for the other routes.
 * Text is width-folded first (NFKC), so ００３２ reads as 0032.
 */
export type IncidentText =
  | { kind: 'form' }
  | { kind: 'report'; description: string; orderRef: string | null };

const WORD = '事故';
/** The command words: the whole message, or its first token (before or after an order reference). */
const COMMAND_WORDS = ['事故', '事故報告', '事故発生', '事故連絡'];
const ORDER_REF = /^(\d{8}-\d{1,4}|\d{1,4})番?$/u;
/** A mention that reports no incident: 無事故, 事故防止, 事故なし, 事故はありません, 事故もない, 事故等なし … */
const NOT_AN_INCIDENT_BEFORE = /(?:無|ノー)$/u;
const NOT_AN_INCIDENT_AFTER =
  /^(?:等|など)?(?:報告)?\s*(?:は|が|も)?\s*(?:なし|無し|ナシ|無い|ない|なく|無く|なかった|無かった|ありません|ありませんでした|ございません|ゼロ|0件|防止|予防|ゼロ運動|ゼロを)/u;

/** Each mention of 事故 in the text, with whether it reports nothing. */
function mentionsOf(text: string): boolean[] {
  const out: boolean[] = [];
  for (let at = text.indexOf(WORD); at >= 0; at = text.indexOf(WORD, at + WORD.length)) {
    const before = text.slice(0, at);
    const after = text.slice(at + WORD.length);
    out.push(NOT_AN_INCIDENT_BEFORE.test(before) || NOT_AN_INCIDENT_AFTER.test(after));
  }
  return out;
}

const stripEdges = (s: string) => s.replace(/^[\s:：、,。]+|[\s:：、,]+$/gu, '').trim();

/** The first token and the text after it. */
function splitFirst(text: string): [string, string] {
  const m = /^(\S+?)(?:[\s:：、,]+|$)([\s\S]*)$/u.exec(text);
  return m ? [m[1]!, m[2]!] : [text, ''];
}

/** An order reference as the first token, then the rest. */
function leadingRef(text: string): { ref: string | null; rest: string } {
  const [first, rest] = splitFirst(text);
  const m = ORDER_REF.exec(first);
  return m ? { ref: m[1]!, rest } : { ref: null, rest: text };
}

/** 事故 [作業番号] 内容 / 作業番号 事故 内容 / anything mentioning 事故; undefined when it reports no incident. */
export function readIncidentText(typed: string): IncidentText | undefined {
  const text = typed.normalize('NFKC').trim();
  const mentions = mentionsOf(text);
  if (mentions.length === 0 || mentions.every((negated) => negated)) return undefined;
  const head = leadingRef(text);
  const [word, afterWord] = splitFirst(head.rest);
  if (!COMMAND_WORDS.includes(word)) return { kind: 'report', description: text, orderRef: head.ref };
  const tail = head.ref ? { ref: head.ref, rest: afterWord } : leadingRef(afterWord);
  const description = stripEdges(tail.rest);
  if (!description) return { kind: 'form' };
  return { kind: 'report', description, orderRef: tail.ref };
}
