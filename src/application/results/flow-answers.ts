import type { ParsedReply, ReplyFacts } from '../../domain/replies/parsed-reply.ts';
import { isAnswered, type OutdoorTapState, type ResultDraft } from '../../domain/results/result-draft.ts';
import type { ResultIssue, ResultIssueCode } from '../../domain/results/result-issue.ts';
import { t } from '../../templates.ts';
import { keywordOf } from '../chat/routes/keywords.ts';
import { consentWord, isAcknowledgement, lowerReadingWord, phoneUnansweredWord, pilotWord, pinWord, plainYesNo, presenceWord, tapSeenWord, tapWord, valveFoundWord, yesNoWord } from './answer-words.ts';
import { isStatement } from './free-text-answers.ts';
import type { ResultOrderInfo } from './ports.ts';

export type Patch = Partial<ResultDraft>;

/** What an answer settles, and what to tell the worker besides the next question. */
export interface Interpretation {
  patch: Patch;
  note?: string;
  /** 散水栓あり: there is a tap, whether water flows is asked next (the tap question stays open). */
  outdoorTapSeen?: true;
}

export interface Answer {
  /** The answer read by the reply parser (awaiting a reading when a reading was asked). */
  reply: ParsedReply;
  /** The answer as typed (trimmed). */
  text: string;
}

/** Short answers the reply parser leaves to the conversation (its vocabulary has no context of a question). */
const WORDS = {
  yes: ['はい', '済', '済み', 'した', 'しました', 'やった', 'やりました', 'ok', '了解済', '了解済み', '得た', 'もらった', 'あり', 'ある', '入れた', '入れました', '投函した', '電話した'],
  no: ['いいえ', 'いえ', 'なし', 'してない', 'していない', 'してません', 'まだ', 'ない', '無し'],
  tapFlows: ['出る', '出た', 'でる', 'でた', '出ます', '出ました', '出水', '通水', 'ok'],
  tapDry: ['出ない', 'でない', '出ません', '出なかった', '止まった', '止水'],
  tapNone: ['なし', '無し', 'ない', '無い', 'ありません', '散水栓なし', '水栓柱なし'],
  replaced: ['交換', '交換した', '交換しました', '取替', '取替え', '取り替え', '取り替えた', '取替えた', 'はい'],
  differs: ['相違', '違う', 'ちがう', '違った', '検満', '登録と違う', '別のメーター', '別'],
  pin: ['ピン', 'ピン交換'],
  seal: ['封印'],
} as const;

const is = (text: string, words: readonly string[]) => words.includes(keywordOf(text));

/**
 * A plain yes or no. 了解 alone acknowledges, it answers no question (except the customer's consent, consentOf); a
 * result's 完了 with nothing else is a yes.
 */
function yesNo({ reply, text }: Answer): boolean | null {
  if (isAcknowledgement(text)) return null;
  const word = yesNoWord(text);
  if (word !== null) return word;
  if (reply.intent === 'confirm') return true;
  if (reply.intent === 'deny') return false;
  if (is(text, WORDS.yes)) return true;
  if (is(text, WORDS.no)) return false;
  // 完了 alone; not 完了 指針2250 (a reading is no yes, text-flow keeps it).
  const bare = reply.reading === null && reply.taskRef === null && Object.keys(reply.facts).length === 0;
  return reply.intent === 'result' && reply.outcome === 'done' && bare ? true : null;
}

/** The facts a reply reports, as draft fields (a fact not mentioned sets nothing). */
export function factsPatch(order: Pick<ResultOrderInfo, 'kind'>, facts: ReplyFacts): Patch {
  const p: Patch = {};
  if (facts.customerPresent !== facts.customerAbsent) p.customerPresent = facts.customerPresent === true;
  if (facts.customerConsent) p.customerConsent = true;
  if (facts.valvePinReplaced) p.valvePinReplaced = true;
  if (facts.sealFitted) p.sealFitted = true;
  if (facts.pilotChecked) p.pilotChecked = true;
  if (facts.pilotStillTurning) p.pilotStillTurning = true;
  if (facts.pilotStopped) p.pilotStillTurning = false;
  if (facts.valveClosed && order.kind !== 'close') p.valveClosedForPilot = true;
  if (facts.valveFoundClosed !== facts.valveFoundOpen) p.valveFoundClosed = facts.valveFoundClosed === true;
  if (facts.noticeSlipLeft) p.noticeSlipLeft = true;
  if (facts.phoneContacted) p.phoneContacted = true;
  if (facts.phoneUnanswered) p.phoneContactOutcome = t('resultFlow.phoneUnanswered');
  const tap: OutdoorTapState | undefined = facts.outdoorTapFlows ? 'flows' : facts.outdoorTapDry ? 'dry' : facts.outdoorTapAbsent ? 'none' : undefined;
  if (tap) p.outdoorTap = tap;
  if (facts.meterRemoved) p.meterWorkDone = 'remove';
  if (facts.meterInstalled) p.meterWorkDone = 'install';
  if (facts.meterReplaced) p.meterWorkDone = 'replace';
  if (facts.meterDiffersFromRecord) p.meterDiffersFromRecord = true;
  if (facts.leakSuspected) p.leakSuspected = true;
  if (facts.improperUse) p.improperUse = true;
  return p;
}

/** Fields of `patch` the draft has no answer for yet: facts mentioned in passing never overwrite an answer. */
export function unanswered(draft: ResultDraft, patch: Patch): Patch {
  return Object.fromEntries(Object.entries(patch).filter(([key]) => !isAnswered(draft[key as keyof ResultDraft]))) as Patch;
}

const required = (patch: Patch): Interpretation => ({ patch, note: t('resultFlow.requiredStep') });

function yesNoField(field: keyof ResultDraft, fact: boolean | undefined, mustBeYes: boolean) {
  return (a: Answer): Interpretation | null => {
    const answer = fact ? true : yesNo(a);
    if (answer === null) return null;
    const patch = { [field]: answer } as Patch;
    return !answer && mustBeYes ? required(patch) : { patch };
  };
}

/**
 * 散水栓・水栓柱: 出る / 出ない / なし. あり (or はい) says there is one without saying whether water flows: the question
 * stays open and asks 出る / 出ない (`seen`), where なし is no answer. After the advice that the water must not be dry
 * (開栓) or must not flow (閉栓), only the state the rule wants answers: the tap fixed; できず ends the work not done.
 */
function tapOf(issue: ResultIssue) {
  return ({ reply, text }: Answer): Interpretation | null => {
    const fromFacts = factsPatch({ kind: 'open' }, reply.facts).outdoorTap;
    const tap = tapWord(text) ?? fromFacts ?? (is(text, WORDS.tapFlows) ? 'flows' : is(text, WORDS.tapDry) ? 'dry' : is(text, WORDS.tapNone) ? 'none' : undefined);
    if (issue.code === 'outdoorTap.dryAfterOpen') return tap === 'flows' ? { patch: { outdoorTap: tap } } : null;
    if (issue.code === 'outdoorTap.flowsAfterClose') return tap === 'dry' ? { patch: { outdoorTap: tap } } : null;
    const seen = issue.params?.['seen'] !== undefined;
    if (tap === 'none' && seen) return null;
    if (tap) return { patch: { outdoorTap: tap } };
    return !seen && (reply.facts.outdoorTapPresent || tapSeenWord(text)) ? { patch: {}, outdoorTapSeen: true } : null;
  };
}

/**
 * パイロットは止まっていますか: 止まった / 止めました / 回ってる, negation read (止まってない = turning). A yes or no answers
 * only that question (はい = stopped), never the demand to check it (pilotChecked.required).
 */
function pilotOf(yesMeansStopped: boolean) {
  return (a: Answer): Interpretation | null => {
    const word = pilotWord(a.text);
    const yes = yesMeansStopped && word === null ? plainYesNo(a.text) : null;
    const { facts } = a.reply;
    const turning = word === 'turning' || yes === false || (word === null && facts.pilotStillTurning);
    const stopped = word === 'stopped' || yes === true || (word === null && facts.pilotStopped);
    if (turning === stopped) return null;
    return { patch: { pilotChecked: true, pilotStillTurning: turning === true } };
  };
}

function valveFoundOf(a: Answer): Interpretation | null {
  const word = valveFoundWord(a.text);
  if (word !== null) return { patch: { valveFoundClosed: word } };
  const { facts } = a.reply;
  const closed = facts.valveFoundClosed || (yesNo(a) === true && !facts.valveFoundOpen);
  const open = facts.valveFoundOpen || yesNo(a) === false;
  return closed === open ? null : { patch: { valveFoundClosed: closed === true } };
}

/** 指針が前回より小さい: the worker replaced the meter, found another one (検満), or misread (a new reading / いいえ). */
function lowerReadingOf(a: Answer): Interpretation | null {
  if (a.reply.reading !== null) return { patch: { reading: a.reply.reading, readingConfirmed: false } };
  const word = lowerReadingWord(a.text);
  if (word === 'replaced') return { patch: { meterWorkDone: 'replace', meterDiffersFromRecord: true } };
  if (word === 'differs') return { patch: { meterDiffersFromRecord: true } };
  if (word === 'misread') return { patch: { reading: null, readingConfirmed: false, meterDiffersFromRecord: null }, note: t('resultFlow.rereadReading') };
  if (a.reply.facts.meterReplaced || is(a.text, WORDS.replaced)) return { patch: { meterWorkDone: 'replace', meterDiffersFromRecord: true } };
  if (a.reply.facts.meterDiffersFromRecord || is(a.text, WORDS.differs)) return { patch: { meterDiffersFromRecord: true } };
  if (yesNo(a) !== false) return null;
  return { patch: { reading: null, readingConfirmed: false, meterDiffersFromRecord: null }, note: t('resultFlow.rereadReading') };
}

function meterWorkOf(order: ResultOrderInfo) {
  return (a: Answer): Interpretation | null => {
    const said = factsPatch(order, a.reply.facts).meterWorkDone;
    if (said) return { patch: { meterWorkDone: said } };
    const answer = yesNo(a);
    if (answer === true && order.meterWork) return { patch: { meterWorkDone: order.meterWork } };
    return answer === false ? { patch: {}, note: t('resultFlow.meterWorkNotDone') } : null;
  };
}

function meterNumberOf({ reply, text }: Answer): Interpretation | null {
  const plain = text.normalize('NFKC').replace(/\s+/g, '').replace(/^(?:メーター番号|メーターno\.?|器番)[:：]?/iu, '');
  const found = reply.meterNumber ?? (/^[A-Za-z0-9][A-Za-z0-9-]{1,19}$/.test(plain) ? plain : null);
  return found ? { patch: { meterNumber: found } } : null;
}

function diameterOf({ reply, text }: Answer): Interpretation | null {
  const m = /^(?:φ|ф|口径)?\s*(\d{1,3})\s*(?:mm|ミリ|みり)?$/iu.exec(text.normalize('NFKC').trim());
  const mm = reply.meterDiameterMm ?? (m ? Number(m[1]) : null);
  return mm !== null ? { patch: { meterDiameterMm: mm } } : null;
}

function pinOrSealOf({ reply, text }: Answer): Interpretation | null {
  if (reply.facts.valvePinReplaced || is(text, WORDS.pin) || pinWord(text)) return { patch: { valvePinReplaced: true } };
  if (reply.facts.sealFitted || is(text, WORDS.seal)) return { patch: { sealFitted: true } };
  return null;
}

/**
 * A free-text answer as typed; a note's メモ / 備考 marker is not part of it. An answer that states nothing (はい, 在宅,
 * asdf) is refused (isStatement): the question is asked again, never stored.
 */
const freeText = (field: 'notDoneReason' | 'note' | 'phoneContactOutcome' | 'readingDifferenceNote') => (a: Answer): Interpretation | null => {
  const { text } = a;
  const value = (field === 'note' ? text.replace(/^\s*(?:メモ|備考)(?![ァ-ヺー])[\s:：、,]*/u, '') : text).trim();
  return value && isStatement(`${field}.missing`, { reply: a.reply, text: value }) ? { patch: { [field]: value } } : null;
};

/** Steps whose answer is free text, taken as typed (a reason, a note, how the phone call went). */
export const FREE_TEXT_CODES: readonly ResultIssueCode[] = ['notDoneReason.missing', 'note.missing', 'phoneContactOutcome.missing', 'readingDifferenceNote.missing'];

type Reader = (a: Answer) => Interpretation | null;

/**
 * お客さまは在宅でしたか: いた / 不在 / はい … An お客さまの了解あり implies the customer was there: yes, and the consent
 * itself where the kind asks it (閉栓). 了解 alone only acknowledges (no answer).
 */
function presenceOf(order: ResultOrderInfo): Reader {
  return (a) => {
    const word = presenceWord(a.text);
    const said = word ?? factsPatch(order, a.reply.facts).customerPresent ?? (a.reply.outcome === 'absent' ? false : undefined);
    const consent = said === undefined && !isAcknowledgement(a.text) && (consentWord(a.text) === true || a.reply.facts.customerConsent === true);
    if (consent) return { patch: { customerPresent: true, ...(order.kind === 'close' ? { customerConsent: true } : {}) } };
    const answer = said ?? yesNo(a);
    return answer === null ? null : { patch: { customerPresent: answer } };
  };
}

function phoneOf(a: Answer): Interpretation | null {
  if (a.reply.facts.phoneUnanswered || phoneUnansweredWord(a.text)) return { patch: { phoneContacted: true, phoneContactOutcome: a.text.trim() } };
  return yesNoField('phoneContacted', a.reply.facts.phoneContacted, true)(a);
}

/** お客さまの了解: 了解 alone is a yes here (the question is about the customer's 了解); 断られた is a no. */
const consentOf: Reader = (a) => {
  const answer = consentWord(a.text) ?? (a.reply.facts.customerConsent ? true : yesNo(a));
  return answer === null ? null : { patch: { customerConsent: answer } };
};

const outcomeOf: Reader = ({ reply }) => (reply.outcome ? { patch: { outcome: reply.outcome, ...(reply.outcome === 'absent' ? { customerPresent: false } : {}) } } : null);
const readingOf: Reader = ({ reply }) => (reply.reading !== null ? { patch: { reading: reply.reading, readingConfirmed: false } } : null);
const withFact = (field: keyof ResultDraft, fact: keyof ReplyFacts, mustBeYes: boolean): Reader => (a) => yesNoField(field, a.reply.facts[fact], mustBeYes)(a);

/** The reader of each question whose answer does not depend on the order. */
const READERS: Partial<Record<ResultIssueCode, Reader>> = {
  'outcome.missing': outcomeOf,
  'notDoneReason.missing': freeText('notDoneReason'),
  'note.missing': freeText('note'),
  'phoneContactOutcome.missing': freeText('phoneContactOutcome'),
  'readingDifferenceNote.missing': freeText('readingDifferenceNote'),
  'customerToldOfDefect.missing': yesNoField('customerToldOfDefect', undefined, false),
  'improperUseNotified.missing': yesNoField('improperUseNotified', undefined, false),
  'customerConsent.missing': consentOf,
  'customerConsent.refused': consentOf,
  'reading.missing': readingOf,
  'reading.invalid': readingOf,
  'meterDiffersFromRecord.missing': lowerReadingOf,
  'meterNumber.missing': meterNumberOf,
  'meterDiameterMm.missing': diameterOf,
  'meterDiameterMm.invalid': diameterOf,
  'meterDiameterMm.notAsOrdered': diameterOf,
  'valvePinOrSeal.missing': pinOrSealOf,
  'noticeSlipLeft.missingAfterRemoval': withFact('noticeSlipLeft', 'noticeSlipLeft', true),
  'noticeSlipLeft.missing': withFact('noticeSlipLeft', 'noticeSlipLeft', true),
  'valveFoundClosed.missing': valveFoundOf,
  'pilotChecked.required': pilotOf(false),
  'pilotStillTurning.missing': pilotOf(true),
  'valveClosedForPilot.missing': withFact('valveClosedForPilot', 'valveClosed', true),
  'phoneContacted.missing': phoneOf,
};

function readerFor(order: ResultOrderInfo, issue: ResultIssue): Reader {
  const { code } = issue;
  if (code === 'customerPresent.missing') return presenceOf(order);
  if (code.startsWith('outdoorTap.')) return tapOf(issue);
  if (code === 'meterWorkDone.missing') return meterWorkOf(order);
  return READERS[code] ?? (() => null);
}

/**
 * What an answer to a question settles. null when the answer does not answer it (the question is asked again,
 * never guessed). A 「できず」 anywhere but in a free-text answer turns the result into work not done.
 */
export function interpretAnswer(order: ResultOrderInfo, issue: ResultIssue, answer: Answer): Interpretation | null {
  const { reply } = answer;
  const freeTextStep = FREE_TEXT_CODES.includes(issue.code);
  if (!freeTextStep && reply.outcome === 'not_done') {
    return { patch: { outcome: 'not_done', notDoneReason: reply.notDoneReason } };
  }
  return readerFor(order, issue)(answer);
}
