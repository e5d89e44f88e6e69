import type {
  AmbiguityCode,
  ReplyFact,
  ReplyFacts,
  ReplyKind,
  ReplyOutcome,
} from '../../domain/replies/parsed-reply.ts';
import type { NegationScope } from './reply-negation.ts';
import type { PhraseHit } from './reply-phrases.ts';
import type { Signal } from './reply-vocabulary.ts';

/** What the vocabulary found in a reply, before conflicts are settled. */
export interface SignalSummary {
  kinds: Set<ReplyKind>;
  outcomes: Set<ReplyOutcome>;
  facts: Set<ReplyFact>;
  /** Facts the worker said did not happen (封印なし). */
  denied: Set<ReplyFact>;
  /** Facts a negation may or may not deny (ピンは交換したけどしてない): unclear. */
  unsettled: Set<ReplyFact>;
  doubt: boolean;
  /** End of the first kind or outcome word (a bare number after it is the reading). */
  anchorEnd: number | null;
}

export function summarizeSignals(hits: PhraseHit<Signal>[], scope: NegationScope): SignalSummary {
  const summary: SignalSummary = { kinds: new Set(), outcomes: new Set(), facts: new Set(), denied: new Set(), unsettled: new Set(), doubt: false, anchorEnd: null };
  for (const hit of hits) {
    const { signal, end } = hit;
    if (signal.type === 'kind') summary.kinds.add(signal.value);
    if (signal.type === 'outcome' && !scope.spent.has(hit)) summary.outcomes.add(signal.value);
    if (signal.type === 'fact') (scope.unsettled.has(hit) ? summary.unsettled : scope.denied.has(hit) ? summary.denied : summary.facts).add(signal.value);
    if (signal.type === 'doubt') summary.doubt = true;
    if ((signal.type === 'kind' || signal.type === 'outcome') && summary.anchorEnd === null) summary.anchorEnd = end;
  }
  return summary;
}

export function resolveKind(summary: SignalSummary, ambiguities: AmbiguityCode[]): ReplyKind | null {
  if (summary.kinds.size > 1) ambiguities.push('kind.conflicting');
  return summary.kinds.size === 1 ? ([...summary.kinds][0] as ReplyKind) : null;
}

export interface ResolvedFacts {
  facts: ReplyFacts;
  /** Facts both affirmed and denied: in neither list, to be asked. */
  unclear: ReplyFact[];
  /** Facts only denied (封印なし): not done, never in `facts`. */
  denied: ReplyFact[];
}

/**
 * Facts as reported, with what they imply (a turning pilot was checked) and contradictions dropped: a fact
 * both affirmed and denied (封印した … 封印なし) is unclear, never guessed.
 */
export function resolveFacts(summary: SignalSummary, kind: ReplyKind | null, ambiguities: AmbiguityCode[]): ResolvedFacts {
  const facts = impliedFacts(summary, kind, ambiguities);
  const unclear = [...new Set([...[...summary.denied].filter((f) => facts.has(f)), ...summary.unsettled])].sort();
  for (const f of unclear) facts.delete(f);
  if (unclear.length > 0) ambiguities.push('fact.conflicting');
  const denied = [...summary.denied].filter((f) => !facts.has(f) && !unclear.includes(f)).sort();
  return { facts: Object.fromEntries([...facts].sort().map((f) => [f, true])) as ReplyFacts, unclear, denied };
}

function impliedFacts(summary: SignalSummary, kind: ReplyKind | null, ambiguities: AmbiguityCode[]): Set<ReplyFact> {
  const facts = new Set(summary.facts);
  if (summary.outcomes.has('absent')) facts.add('customerAbsent');
  if (facts.has('pilotStillTurning') || facts.has('pilotStopped')) facts.add('pilotChecked');
  if (facts.has('phoneUnanswered')) facts.add('phoneContacted');
  dropBoth(facts, 'pilotStillTurning', 'pilotStopped', 'pilot.conflicting', ambiguities);
  if (facts.has('outdoorTapChecked') && kind === 'open') facts.add('outdoorTapFlows');
  if (facts.has('outdoorTapChecked') && kind === 'close') facts.add('outdoorTapDry');
  dropBoth(facts, 'outdoorTapFlows', 'outdoorTapDry', 'outdoorTap.conflicting', ambiguities);
  dropBoth(facts, 'outdoorTapPresent', 'outdoorTapAbsent', 'outdoorTap.conflicting', ambiguities);
  return facts;
}

function dropBoth(facts: Set<ReplyFact>, a: ReplyFact, b: ReplyFact, code: AmbiguityCode, ambiguities: AmbiguityCode[]): void {
  if (!facts.has(a) || !facts.has(b)) return;
  facts.delete(a);
  facts.delete(b);
  ambiguities.push(code);
}

/** Work items whose report means the visit's work was carried out. */
const WORK_FACTS: readonly ReplyFact[] = [
  'valvePinReplaced',
  'sealFitted',
  'valveOpened',
  'valveFoundClosed',
  'valveFoundOpen',
  'meterRemoved',
  'meterInstalled',
  'meterReplaced',
];

/**
 * The outcome the worker stated. Without an outcome word, a reply that names the kind or a work
 * item and gives a reading or a work item (No.12 閉栓 封印 指針1234) reports work done; anything
 * less is left null.
 */
export function resolveOutcome(
  summary: SignalSummary,
  reading: number | null,
  ambiguities: AmbiguityCode[],
): ReplyOutcome | null {
  const { outcomes } = summary;
  if (outcomes.has('not_done') && outcomes.has('done')) {
    ambiguities.push('outcome.conflicting');
    return null;
  }
  if (outcomes.has('not_done')) return 'not_done';
  if (outcomes.has('done')) return 'done';
  if (outcomes.has('absent')) return 'absent';
  const workItem = WORK_FACTS.some((f) => summary.facts.has(f));
  return (summary.kinds.size > 0 || workItem) && (reading !== null || workItem) ? 'done' : null;
}
