import {
  unknownReply,
  type AmbiguityCode,
  type ParsedReply,
  type ReplyIntent,
} from '../../domain/replies/parsed-reply.ts';
import { hasContentWords } from './reply-content.ts';
import { assignNumberRoles, type NumberRoles } from './reply-number-roles.ts';
import { scopeNegations, type NegationScope } from './reply-negation.ts';
import { findNumbers, type NumberToken } from './reply-numbers.ts';
import { readQuantities } from './reply-quantity-facts.ts';
import {
  coverShortReply,
  endOfOpening,
  firstMeaningfulIndex,
  leadingShortWord,
  scanPhrases,
  textWithout,
  trimSigns,
  type PhraseHit,
  type Span,
} from './reply-phrases.ts';
import { resolveFacts, resolveKind, resolveOutcome, summarizeSignals, type SignalSummary } from './reply-signals.ts';
import { compactView, prepareReplyText, type ReplyText } from './reply-text.ts';
import { longestPhraseAt, vocabulary, type Signal, type Vocabulary } from './reply-vocabulary.ts';

export interface ParseOptions {
  /** What the conversation last asked: after 指針を入力してください a lone number is the reading. */
  awaiting?: 'reading';
}

/**
 * Reads a worker's free-text reply. Rules only, no guessing: what is unclear is left null and named
 * in `ambiguities`. Never throws for any string.
 */
export function parseReply(raw: string, options: ParseOptions = {}): ParsedReply {
  const vocab = vocabulary();
  const reply = prepareReplyText(typeof raw === 'string' ? raw : '');
  if (!reply.text) return unknownReply();
  const marked = splitMemo(reply);
  if (marked) {
    // A note marked in a result (0012 完了 指針1003 メモ 止水栓の位置を確認): the result is read before the marker only.
    if (!marked.head.text) return { ...unknownReply(), note: reply.text, memo: marked.memo };
    const head = readReply(marked.head, vocab, options);
    if (head.intent === 'result') return { ...head, memo: marked.memo };
  }
  return readReply(reply, vocab, options);
}

function readReply(reply: ReplyText, vocab: Vocabulary, options: ParseOptions): ParsedReply {
  return shortReply(reply.folded, vocab) ?? readStructured(reply, vocab, options.awaiting === 'reading');
}

/**
 * メモ / 備考 as a word of its own (not inside メモリー), with an optional colon: what comes before it, and the text
 * after it (null when nothing follows).
 */
const MEMO_MARKER = /(?<![ァ-ヺー])(?:メモ|備考)(?![ァ-ヺー])[\s:：、,]*/u;

function splitMemo(reply: ReplyText): { head: ReplyText; memo: string | null } | null {
  const m = MEMO_MARKER.exec(reply.text);
  if (!m) return null;
  const cut = reply.text.slice(0, m.index).trimEnd().length;
  const memo = trimSigns(reply.text.slice(m.index + m[0].length)).trim();
  return { head: { text: reply.text.slice(0, cut), folded: reply.folded.slice(0, cut) }, memo: memo || null };
}

function shortReply(folded: string, vocab: Vocabulary): ParsedReply | null {
  if (/^[?？\s]+$/.test(folded)) return { ...unknownReply(), intent: 'help' };
  const signals = coverShortReply(folded, vocab.shortReplies);
  const intents = new Set(signals ?? []);
  if (intents.size === 0) return null;
  if (intents.size > 1) return unknownReply(['intent.conflicting']);
  return { ...unknownReply(), intent: [...intents][0] as ReplyIntent };
}

interface Reading {
  numbers: NumberToken[];
  lead: PhraseHit<'confirm' | 'deny'> | null;
  hits: PhraseHit<Signal>[];
  summary: SignalSummary;
  scope: NegationScope;
  roles: NumberRoles;
}

function readParts(reply: ReplyText, vocab: Vocabulary, awaitingReading: boolean): Reading {
  const numbers = findNumbers(reply.folded, reply.text, vocab.markers);
  const lead = leadingWord(reply.folded, vocab);
  const hits = scanPhrases(reply.folded, vocab.result, lead ? [...numbers, lead] : numbers);
  const scope = scopeNegations(reply.folded, hits);
  const summary = summarizeSignals(hits, scope);
  // After a bare はい / 違う nothing is "leading": a number there is a reading or nothing, never an order
  // reference. In a result (ok 0012 開栓完了) the leading word is skipped like a greeting.
  const skip: Span[] = hits.filter((h) => h.signal.type === 'doubt' || h.signal.type === 'neutral');
  if (lead && isWorded(summary)) skip.push(lead);
  const leadingAt = firstMeaningfulIndex(reply.folded, skip);
  const roles = assignNumberRoles(numbers, { leadingAt, anchorEnd: summary.anchorEnd, awaitingReading });
  return { numbers, lead, hits, summary, scope, roles };
}

/** The leading はい / 違う, unless a longer result phrase starts there (了解もらいました is the customer's consent). */
function leadingWord(folded: string, vocab: Vocabulary): PhraseHit<'confirm' | 'deny'> | null {
  const lead = leadingShortWord(folded, vocab.shortReplies);
  if (!lead) return null;
  const view = compactView(folded);
  const longer = longestPhraseAt(vocab.result, view.chars, 0);
  return longer && (view.index[longer.phrase.length - 1] as number) + 1 > lead.end ? null : lead;
}

function readStructured(reply: ReplyText, vocab: Vocabulary, awaitingReading: boolean): ParsedReply {
  const parts = readParts(reply, vocab, awaitingReading);
  const intent = intentOf(parts);
  if (intent === 'unknown') return { ...unknownReply(), note: reply.text };
  const ambiguities: AmbiguityCode[] = [...parts.roles.ambiguities];
  const kind = resolveKind(parts.summary, ambiguities);
  const said = resolveFacts(parts.summary, kind, ambiguities);
  const { facts, unclearFacts, deniedFacts, consumables } = withQuantities(said, parts.numbers, ambiguities);
  const outcome = intent === 'result' ? resolveOutcome(parts.summary, parts.roles.reading, ambiguities) : null;
  const { taskRef, reading, meterNumber, meterDiameterMm } = parts.roles;
  const notDoneReason = outcome === 'not_done' ? reasonOf(reply, parts) : null;
  const note = noteOf(intent, outcome, reply, parts, vocab);
  const parsed = { intent, taskRef, reading, outcome, kind, facts, unclearFacts, deniedFacts, meterNumber, meterDiameterMm, consumables, notDoneReason, note, memo: null };
  return { ...parsed, ambiguities: [...new Set([...ambiguities, ...missingPieces(parsed, ambiguities, awaitingReading)])] };
}

/** The facts with what the quantities say (ピン2: a pin replaced), unless the words said otherwise (then unclear). */
function withQuantities(said: ReturnType<typeof resolveFacts>, numbers: NumberToken[], ambiguities: AmbiguityCode[]) {
  const read = readQuantities(numbers, said.denied, ambiguities);
  const facts = { ...said.facts };
  const denied = new Set(said.denied);
  const unclear = new Set(said.unclear);
  for (const fact of read.facts) if (denied.has(fact)) unclear.add(fact); else facts[fact] = true;
  for (const fact of read.denied) if (facts[fact]) unclear.add(fact); else denied.add(fact);
  for (const fact of unclear) {
    delete facts[fact];
    denied.delete(fact);
  }
  if (unclear.size > said.unclear.length && !ambiguities.includes('fact.conflicting')) ambiguities.push('fact.conflicting');
  // ピン2 … ピンなし: neither the pin nor its count is recorded; the question asks.
  const consumables = { ...read.quantities };
  if (unclear.has('valvePinReplaced')) delete consumables.valvePin;
  if (unclear.has('sealFitted')) delete consumables.seal;
  return { facts, unclearFacts: [...unclear], deniedFacts: [...denied], consumables };
}

/** What a result or doubt lacks. Mid-conversation (awaiting a reading) the order and outcome are known already. */
function missingPieces(parsed: Omit<ParsedReply, 'ambiguities'>, found: AmbiguityCode[], awaitingReading: boolean): AmbiguityCode[] {
  const { intent, taskRef, outcome } = parsed;
  const missing: AmbiguityCode[] = [];
  const needsOrder = (intent === 'result' || intent === 'doubt') && !awaitingReading;
  if (needsOrder && taskRef === null && !found.includes('taskRef.multiple')) missing.push('taskRef.missing');
  if (intent === 'result' && !awaitingReading && outcome === null && !found.includes('outcome.conflicting')) {
    missing.push('outcome.missing');
  }
  if (outcome === 'not_done' && parsed.notDoneReason === null) missing.push('notDoneReason.missing');
  if (intent === 'result' && parsed.note !== null) missing.push('text.unrecognized');
  return missing;
}

const isWorded = (s: SignalSummary): boolean => s.kinds.size + s.outcomes.size + s.facts.size + s.denied.size + s.unsettled.size > 0;

function intentOf({ lead, summary, roles, numbers }: Reading): ReplyIntent {
  if (summary.doubt) return 'doubt';
  const worded = isWorded(summary);
  if (lead && !worded) return lead.signal;
  const numbered = roles.taskRef !== null || roles.reading !== null || roles.meterNumber !== null || roles.meterDiameterMm !== null;
  const anyNumber = numbers.some((n) => n.role !== 'ignored');
  return worded || numbered || anyNumber ? 'result' : 'unknown';
}

/** Why the work was not done: the message without the order reference, reading, kind and 'not done' words. */
function reasonOf(reply: ReplyText, { hits, roles }: Reading): string | null {
  const structure = hits.filter((h) => h.signal.type === 'kind' || (h.signal.type === 'outcome' && h.signal.value === 'not_done'));
  return cleanReason(textWithout(reply.text, [...roles.used, ...structure]));
}

/** What a leftover may start with that belongs to the words cut out before it (未実施でした。…, できず、が …). */
const REASON_LEAD = /^(?:でした|でしました|です|でして|しました|します|して|した|ました|ます|だった|だ|ため|ので|から|けど|けれど|が|は|を|に|で|と|も|の|へ|や|よ|ね)(?=[\p{P}\p{S}\s]|$)|^[\p{P}\p{S}\s]+/u;

/** A reason is a clean phrase: never a fragment starting with a particle or でした; null when nothing is left. */
function cleanReason(reason: string | null): string | null {
  let text = reason ?? '';
  for (let m = REASON_LEAD.exec(text); m && m[0].length > 0; m = REASON_LEAD.exec(text)) text = text.slice(m[0].length);
  text = text.trim();
  return text && /[\p{L}\p{N}]/u.test(text) ? text : null;
}

function noteOf(intent: ReplyIntent, outcome: ParsedReply['outcome'], reply: ReplyText, parts: Reading, vocab: Vocabulary): string | null {
  if (intent === 'doubt') return doubtTextOf(reply, parts);
  if (intent === 'result' && outcome !== 'not_done') return leftoverOf(reply, parts, vocab);
  return null; // a reason already holds the free text of a task not done
}

/** A doubt's question: the message after its opening (疑義 / 質問 / 相談, greeting, order reference). */
function doubtTextOf(reply: ReplyText, { hits, roles }: Reading): string | null {
  const opening: Span[] = hits.filter((h) => h.signal.type === 'doubt' || h.signal.type === 'neutral');
  if (roles.taskRefToken) opening.push(roles.taskRefToken);
  return textWithout(reply.text.slice(endOfOpening(reply.folded, opening)), []);
}

/**
 * Words of a result the vocabulary does not know (犬あり注意), when they carry content: each leftover piece that is only
 * particles or endings (し of 封印しました) or a single kana is dropped, and so is whatever stands inside a negation read
 * as a whole (ピンが硬くて交換できず: the pin not replaced).
 */
function leftoverOf(reply: ReplyText, { hits, numbers, lead, scope }: Reading, vocab: Vocabulary): string | null {
  const rest = textWithout(reply.text, [...hits, ...numbers, ...(lead ? [lead] : []), ...scope.denials]);
  if (rest === null) return null;
  const pieces = rest.split(' ').filter((piece) => !SINGLE_KANA.test(piece) && hasContentWords(piece, vocab.particles));
  return pieces.length > 0 ? pieces.join(' ') : null;
}

const SINGLE_KANA = /^[\p{P}\p{S}]*[\u3041-\u309f\u30a0-\u30ff][\p{P}\p{S}]*$/u;
