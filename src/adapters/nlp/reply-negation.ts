import type { PhraseHit, Span } from './reply-phrases.ts';
import type { Signal } from './reply-vocabulary.ts';

type Hit = PhraseHit<Signal>;

/** What the negation words of a reply deny, as hits of `scanPhrases`. */
export interface NegationScope {
  /** Fact hits the worker said did not happen (封印なし, ピンはしていない). */
  denied: Set<Hit>;
  /**
   * Outcome hits that say nothing: a 完了 denied (完了していない), and a not-done word spent on a fact
   * (ピン交換できず says the pin was not replaced, not that the task was not done).
   */
  spent: Set<Hit>;
  /**
   * Fact hits a negation may or may not deny: the negation stands in a later clause that affirms something first
   * (ピンは交換したけどしてない, ピン交換したけどしてない). The fact is unclear: asked, never recorded as said.
   */
  unsettled: Set<Hit>;
  /**
   * Each denial or unsettled negation, from its first fact to its negation word (ピンが硬くて交換できず, ピンは交換したけど
   * してない): read as a whole (the fact not done, or unclear), so the words inside it are not unread text.
   */
  denials: Span[];
}

/** A sentence ends here: nothing is denied across it. */
const SENTENCE_END = /[。.!?！？]/;
/**
 * A clause ends here (spaces, 、, the て/で form, けど, ので, から): a negation after it denies a fact before it
 * only when that fact was left open (ピンが硬くて交換できず) or nothing but spaces stand between (封印 なし).
 * A て right before the negation is part of it (入れてない).
 */
const CLAUSE_BREAK = /[\s、,]|[てで](?!$)|けど|けれど|ので|から/;
/** The fact is the topic, subject or object of what follows (ピンは / ピンが / ピンも / ピンを). */
const OPEN_FACT = /^\s*(?:は|が|も|を|って|とか)/;
const BARE = /^[\s、,]*$/;
/** Facts listed together share a negation (ピンも封印もなし, ピンと封印はしていない). */
const COORDINATED = /^\s*(?:と|や|も|とか|及び|および)\s*$/;
/** ピン 封印 どちらもなし: the negation is about every fact listed just before (spaces between them too). */
const ALL_OF_THEM = /^\s*(?:両方|どちらも|どっちも|いずれも|ともに|とも|全部|すべて|全て)/;
/** A clause between the fact and the negation that says it was done (した / しました / やった / 済 …) before a break. */
const AFFIRMED_THEN_BREAK = /(?:した|しました|やった|やりました|済み?|できた|入れた)(?:けど|けれど|が|のに|ものの|[\s、,])/;

const isNegation = (h: Hit): boolean =>
  h.signal.type === 'negation' || (h.signal.type === 'outcome' && h.signal.value === 'not_done');
/** Hits that say something (a negation reaches back over neutral words only). */
const isPolar = (h: Hit): boolean => h.signal.type !== 'neutral';

/**
 * Which facts and outcomes each negation word of the reply denies. A negation denies the nearest fact
 * before it in its clause, and the facts listed with that one; a prefix (未) right before a fact denies
 * that fact. A negation after a 完了 in its clause denies the 完了. Anything else is left as it was:
 * the parser records nothing it is not sure of, and denying too little would record a fact not done.
 */
export function scopeNegations(folded: string, hits: readonly Hit[]): NegationScope {
  const scope: NegationScope = { denied: new Set(), spent: new Set(), unsettled: new Set(), denials: [] };
  const polar = hits.filter(isPolar);
  polar.forEach((hit, i) => {
    if (!isNegation(hit)) return;
    const unsettled = unsettledTarget(folded, polar, i);
    if (unsettled !== null) {
      scope.unsettled.add(polar[unsettled] as Hit);
      scope.denials.push({ start: (polar[unsettled] as Hit).start, end: hit.end });
      if (hit.signal.type === 'outcome') scope.spent.add(hit);
      return;
    }
    const at = prefixTarget(polar, i) ?? backwardTarget(folded, polar, i);
    if (at === null) return;
    const target = polar[at] as Hit;
    if (target.signal.type !== 'fact') {
      scope.spent.add(target); // 完了していない: no 完了 (完了できず stays a task not done)
      return;
    }
    const gap = folded.slice(target.end, hit.start);
    const facts = withCoordinated(folded, polar, at, ALL_OF_THEM.test(gap));
    for (const fact of facts) scope.denied.add(fact);
    scope.denials.push({ start: Math.min(...facts.map((f) => f.start)), end: hit.end });
    if (hit.signal.type === 'outcome') scope.spent.add(hit);
  });
  return scope;
}

/** ピンは交換したけどしてない: a fact affirmed, then a negation after a clause break in the same sentence (its index in `polar`). */
function unsettledTarget(folded: string, polar: readonly Hit[], i: number): number | null {
  const hit = polar[i] as Hit;
  const before = polar[i - 1];
  if (hit.signal.type !== 'negation' || hit.signal.prefix || !before || before.signal.type !== 'fact') return null;
  // The fact's own words count (封印したけどしてない): its phrase may end in the affirmation.
  const between = folded.slice(before.start, hit.start);
  return !SENTENCE_END.test(folded.slice(before.end, hit.start)) && AFFIRMED_THEN_BREAK.test(between) ? i - 1 : null;
}

/** 未封印: a prefix negation touching the fact after it (its index in `polar`). */
function prefixTarget(polar: readonly Hit[], i: number): number | null {
  const hit = polar[i] as Hit;
  const next = polar[i + 1];
  if (hit.signal.type !== 'negation' || !hit.signal.prefix || !next) return null;
  return next.start === hit.end && next.signal.type === 'fact' ? i + 1 : null;
}

/** The fact (or 完了) a negation reaches back to, if its clause allows (its index in `polar`). */
function backwardTarget(folded: string, polar: readonly Hit[], i: number): number | null {
  const hit = polar[i] as Hit;
  const before = polar[i - 1];
  if (!before) return null;
  const isFact = before.signal.type === 'fact';
  // 完了していない, 不在じゃない: an outcome word denied says nothing.
  const isDone = before.signal.type === 'outcome' && (before.signal.value === 'done' || before.signal.value === 'absent');
  if (!isFact && !isDone) return null;
  const gap = folded.slice(before.end, hit.start);
  if (SENTENCE_END.test(gap)) return null;
  if (!CLAUSE_BREAK.test(gap)) return i - 1;
  return isFact && (OPEN_FACT.test(gap) || BARE.test(gap) || ALL_OF_THEM.test(gap)) ? i - 1 : null;
}

/** The fact at `at` and the facts listed before it with と / や / も (or only spaces, when `all` of them). */
function withCoordinated(folded: string, polar: readonly Hit[], at: number, all: boolean): Hit[] {
  const facts = [polar[at] as Hit];
  for (let j = at - 1; j >= 0; j--) {
    const prev = polar[j] as Hit;
    const next = polar[j + 1] as Hit;
    const gap = folded.slice(prev.end, next.start);
    if (prev.signal.type !== 'fact' || !(COORDINATED.test(gap) || (all && BARE.test(gap)))) break;
    facts.push(prev);
  }
  return facts;
}
