import type { ReplyFact } from '../replies/parsed-reply.ts';
import type { TaskKind } from '../work-order/task-kind.ts';
import type { ResultDraft } from './result-draft.ts';

/**
 * A fact the worker's text left unclear (both affirmed and denied, or a negation whose scope the parser could not
 * settle: ピンは交換したけどしてない) is never guessed: when it matters for the order's kind, the worker is asked one
 * short yes/no question for it before the result is recorded. Facts that do not matter for the kind are left out of
 * the result, as before.
 */
export interface Clarification {
  fact: ReplyFact;
  /** Template key of the question (「ピンは交換しましたか（はい／いいえ）」). */
  questionKey: string;
}

type Patcher = (yes: boolean) => Partial<ResultDraft>;

const flag = (field: keyof ResultDraft): Patcher => (yes) => ({ [field]: yes }) as Partial<ResultDraft>;
/** Meter work said not done leaves the field open: the kind's own rule asks again when the order calls for it. */
const meterWork = (work: NonNullable<ResultDraft['meterWorkDone']>): Patcher => (yes) => (yes ? { meterWorkDone: work } : {});

interface FactRule {
  kinds: readonly TaskKind[];
  patch: Patcher;
}

/** Which unclear facts are asked, for which kinds (result requirements, spec 15(3)ウ), and what each answer sets. */
const RULES: Partial<Record<ReplyFact, FactRule>> = {
  // Pins and seals are materials counted for the monthly report whatever the kind of work that used them.
  valvePinReplaced: { kinds: ['close', 'open', 'transfer', 'other'], patch: flag('valvePinReplaced') },
  sealFitted: { kinds: ['close', 'open', 'transfer', 'other'], patch: flag('sealFitted') },
  meterRemoved: { kinds: ['close'], patch: meterWork('remove') },
  meterInstalled: { kinds: ['open'], patch: meterWork('install') },
  meterReplaced: { kinds: ['open'], patch: meterWork('replace') },
  noticeSlipLeft: { kinds: ['open', 'close', 'transfer'], patch: flag('noticeSlipLeft') },
  customerConsent: { kinds: ['close'], patch: flag('customerConsent') },
  valveClosed: { kinds: ['open', 'transfer'], patch: flag('valveClosedForPilot') },
  phoneContacted: { kinds: ['open', 'transfer'], patch: flag('phoneContacted') },
  pilotChecked: { kinds: ['open', 'transfer'], patch: flag('pilotChecked') },
};

/** The order the questions come in: the work items first, then what was done around them. */
const ORDER: readonly ReplyFact[] = [
  'valvePinReplaced',
  'sealFitted',
  'meterRemoved',
  'meterInstalled',
  'meterReplaced',
  'noticeSlipLeft',
  'customerConsent',
  'pilotChecked',
  'valveClosed',
  'phoneContacted',
];

export const clarifyQuestionKey = (fact: ReplyFact): string => `resultFlow.clarify.${fact}`;

/** The unclear facts to ask about for an order of `kind`, one question each, in the order they are asked. */
export function clarificationsFor(kind: TaskKind, unclearFacts: readonly ReplyFact[]): Clarification[] {
  const unclear = new Set(unclearFacts);
  return ORDER.filter((fact) => unclear.has(fact) && RULES[fact]?.kinds.includes(kind)).map((fact) => ({ fact, questionKey: clarifyQuestionKey(fact) }));
}

/**
 * Whether an order of `kind` records the fact: the kinds the clarification asks it for; a fact no clarification covers
 * (漏水, 在宅 …) is recorded, or asked by the kind's own rules, for every kind.
 */
export function isRecordedFor(kind: TaskKind, fact: ReplyFact): boolean {
  const rule = RULES[fact];
  return rule === undefined || rule.kinds.includes(kind);
}

/** Whether a fact is one the clarification asks about (for some kind). */
export const isClarifiable = (fact: ReplyFact): boolean => RULES[fact] !== undefined;

/** The draft fields the worker's yes (true) or no (false) settles for the fact asked. */
export function clarifiedPatch(fact: ReplyFact, yes: boolean): Partial<ResultDraft> {
  return RULES[fact]?.patch(yes) ?? {};
}
