import type { ConsumableQuantities } from '../consumables/consumable-items.ts';
import type { TaskKind } from '../work-order/task-kind.ts';
import { RESULT_OUTCOMES, type ResultOutcome } from '../results/result-draft.ts';

/**
 * How the bot reads one free-text reply from a worker (a chat message typed on a phone).
 * The parser never guesses: whatever it cannot tell for sure is left null and named in `ambiguities`.
 */
export const REPLY_INTENTS = ['result', 'confirm', 'deny', 'doubt', 'status', 'help', 'unknown'] as const;
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

/** The outcome words a reply can carry are those of a result (完了 / 不在 / できず). */
export const REPLY_OUTCOMES = RESULT_OUTCOMES;
export type ReplyOutcome = ResultOutcome;

/** Task kinds a worker names in a reply (開栓 / 閉栓 / 名変 / その他). */
export type ReplyKind = TaskKind;

/**
 * Things the worker reported as true. A fact not mentioned, or said not to have happened (封印なし,
 * ピン交換できず), is absent from the object (never false).
 */
export const REPLY_FACTS = [
  'valvePinReplaced',
  'sealFitted',
  'pilotChecked',
  'pilotStillTurning',
  'pilotStopped',
  'valveClosed',
  'valveOpened',
  'valveFoundClosed',
  'valveFoundOpen',
  'noticeSlipLeft',
  'phoneContacted',
  'phoneUnanswered',
  'outdoorTapChecked',
  'outdoorTapFlows',
  'outdoorTapDry',
  'outdoorTapAbsent',
  /** 散水栓あり: there is an outdoor tap (whether water flows is not said). */
  'outdoorTapPresent',
  'meterRemoved',
  'meterInstalled',
  'meterReplaced',
  'meterDiffersFromRecord',
  'customerPresent',
  'customerAbsent',
  'customerConsent',
  'leakSuspected',
  'improperUse',
] as const;
export type ReplyFact = (typeof REPLY_FACTS)[number];
export type ReplyFacts = Partial<Record<ReplyFact, true>>;

/**
 * Codes for what the parser could not settle (the chat asks about them; wording in templates/replies.ja.yaml).
 */
export const AMBIGUITY_CODES = [
  'taskRef.missing',
  'taskRef.multiple',
  'reading.multipleNumbers',
  'reading.unmarked',
  'reading.notInteger',
  'reading.negative',
  'reading.tooLarge',
  'number.unassigned',
  'kind.conflicting',
  'outcome.missing',
  'outcome.conflicting',
  'notDoneReason.missing',
  'pilot.conflicting',
  'outdoorTap.conflicting',
  'fact.conflicting',
  'meterDiameter.invalid',
  'quantity.conflicting',
  'intent.conflicting',
  'text.unrecognized',
] as const;
export type AmbiguityCode = (typeof AMBIGUITY_CODES)[number];

export interface ParsedReply {
  intent: ReplyIntent;
  /** The order reference as typed, digits half-width: '0007', '12', '20260327-0031'. */
  taskRef: string | null;
  /** Meter reading (指針), a non-negative integer. */
  reading: number | null;
  outcome: ReplyOutcome | null;
  kind: ReplyKind | null;
  facts: ReplyFacts;
  /** Facts both affirmed and denied in the reply (封印した … 封印なし): left out of `facts`, to be asked (fact.conflicting). */
  unclearFacts: ReplyFact[];
  /**
   * Facts the worker said did not happen (ピンはなし, 漏水なし, 連絡用紙は入れてない): never in `facts`, never recorded as
   * done; told back in the echo so the worker sees the negation was read.
   */
  deniedFacts: ReplyFact[];
  /** Meter number given for a fitted or differing meter (メーター番号 …). */
  meterNumber: string | null;
  /** Meter bore given (φ20, 口径20, 20mm); only contract diameters are kept. */
  meterDiameterMm: number | null;
  /** 休止用ピン, 銅線, 封印玉 used, by regex on the text (ピン2, 銅線 1本, 封印玉2個; 銅線なし / ピンなし = 0). */
  consumables: ConsumableQuantities;
  notDoneReason: string | null;
  /** Free text that is not structure: a doubt's question, or what a result said beyond the vocabulary. */
  note: string | null;
  /**
   * What the worker marked as a note (メモ … / 備考 …, anywhere in a result): exactly the text after the marker. That
   * text is not read for facts or numbers (止水栓の位置を確認 is no 止水).
   */
  memo: string | null;
  ambiguities: AmbiguityCode[];
}

export function isReplyIntent(value: unknown): value is ReplyIntent {
  return typeof value === 'string' && (REPLY_INTENTS as readonly string[]).includes(value);
}

/** A reply the parser understood nothing of. */
export function unknownReply(ambiguities: AmbiguityCode[] = []): ParsedReply {
  return {
    intent: 'unknown',
    taskRef: null,
    reading: null,
    outcome: null,
    kind: null,
    facts: {},
    unclearFacts: [],
    deniedFacts: [],
    meterNumber: null,
    meterDiameterMm: null,
    consumables: {},
    notDoneReason: null,
    note: null,
    memo: null,
    ambiguities,
  };
}
