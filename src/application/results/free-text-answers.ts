import type { ParsedReply, ReplyFact } from '../../domain/replies/parsed-reply.ts';
import type { ResultIssueCode } from '../../domain/results/result-issue.ts';
import { consentWord, isAcknowledgement, phoneUnansweredWord, pilotWord, plainYesNo, presenceWord, tapWord, valveFoundWord, yesNoWord } from './answer-words.ts';

/**
 * Whether a free-text answer (a reason, その旨, a note, how the phone call went) says something the bot may store. The
 * bot never stores text it did not understand as a statement, so these are refused (the question is asked again):
 * text without a Japanese word in it (asdf, digits, emoji, あsdfghjkl), a bare yes/no or acknowledgement (はい, 了解,
 * OK), and text that is nothing but an answer to another question of the flow (在宅, なし, 止まった, 完了): a sentence
 * (閉栓後に使用の形跡あり) is taken as typed, and so is what happened (断られた, メーター交換, 漏水).
 */
export function isStatement(code: ResultIssueCode, { reply, text }: { reply: ParsedReply; text: string }): boolean {
  if (!hasJapaneseWord(text)) return false;
  // How the call went: つながらなかった is that outcome, not an answer to another question.
  if (code === 'phoneContactOutcome.missing' && (phoneUnansweredWord(text) || reply.facts.phoneUnanswered)) return true;
  if (reply.intent === 'confirm' || reply.intent === 'deny' || reply.intent === 'status' || reply.intent === 'help') return false;
  if (isAcknowledgement(text) || plainYesNo(text) !== null || yesNoWord(text) !== null) return false;
  if (presenceWord(text) !== null || pilotWord(text) !== null || tapWord(text) !== null || valveFoundWord(text) !== null || consentWord(text) === true) return false;
  return !onlyAnswers(reply);
}

/** Facts that answer one of the flow's questions and describe nothing by themselves (在宅, パイロット止まった, 散水栓なし). */
const ANSWER_FACTS: ReadonlySet<ReplyFact> = new Set<ReplyFact>([
  'customerPresent',
  'customerAbsent',
  'customerConsent',
  'pilotChecked',
  'pilotStillTurning',
  'pilotStopped',
  'valveFoundClosed',
  'valveFoundOpen',
  'outdoorTapChecked',
  'outdoorTapFlows',
  'outdoorTapDry',
  'outdoorTapAbsent',
  'outdoorTapPresent',
]);

/**
 * The parser read the whole answer as structure (nothing left over) and it holds no more than an outcome (完了, 不在,
 * できず), a number and answer facts. A work item or finding (ピン交換, 漏水, メーター交換) does describe something.
 */
function onlyAnswers(reply: ParsedReply): boolean {
  if (reply.intent !== 'result' || reply.note !== null || reply.memo !== null) return false;
  if (reply.notDoneReason !== null) return false;
  return Object.keys(reply.facts).every((f) => ANSWER_FACTS.has(f as ReplyFact)) && reply.deniedFacts.every((f) => ANSWER_FACTS.has(f));
}

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー々]+/gu;
const KANJI = /\p{Script=Han}/u;
/** Endings alone (です, ます …): no word. */
const ENDINGS = new Set(['です', 'ます', 'でした', 'ました', 'でしょう', 'ですね', 'ですよ', 'ね', 'よ']);

/** A kanji, or two kana or more in a row that are not one letter repeated nor an ending alone. */
function hasJapaneseWord(text: string): boolean {
  const runs = text.normalize('NFKC').match(JAPANESE) ?? [];
  return runs.some((run) => {
    if (KANJI.test(run)) return true;
    const letters = [...run.replace(/ー/gu, '')];
    return letters.length >= 2 && new Set(letters).size > 1 && !ENDINGS.has(run);
  });
}
