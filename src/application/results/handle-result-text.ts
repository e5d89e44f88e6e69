import type { ParsedReply } from '../../domain/replies/parsed-reply.ts';
import type { ResultQuestion } from '../chat/intents/intent.ts';
import { isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Platform } from '../chat/view.ts';
import { FREE_TEXT_CODES } from './flow-answers.ts';
import { DEFAULT_PENDING_MINUTES, type PendingReply, type ResultOrderInfo, type StoredFile } from './ports.ts';
import { recordResult } from './record-result.ts';
import { correctableResult, correctResult, type CorrectionDeps } from './record-correction.ts';
import { freeTextFor } from './result-free-text.ts';
import { kindLabel, placeOf } from './result-lines.ts';
import { checkRecordable, onlyOpenOrder, openOrdersHint, resolveResultOrder } from './result-order-ref.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { answerFlow, promptOf, startFlow, stepName, type FlowState, type FlowStep, type FlowTurn } from './text-flow.ts';

export type TextDeps = CorrectionDeps;

/** Who wrote, where, and the photos that came with the message. */
export interface TextSender {
  personId: string;
  platform: Platform;
  inChannel: boolean;
  files: StoredFile[];
  /** The stored inbound event (InboundEvent id) being processed; undefined outside the inbox. */
  eventId?: number;
}

export function flowStateOf(pending: PendingReply): FlowState | undefined {
  try {
    const state = JSON.parse(pending.state) as FlowState;
    return state?.v === 1 && typeof state.orderNo === 'string' && state.step ? state : undefined;
  } catch {
    return undefined;
  }
}

const READING_CODES: readonly string[] = ['reading.missing', 'reading.invalid', 'meterDiffersFromRecord.missing'];

const awaitsReading = (step: FlowStep) =>
  step.kind === 'confirm' || step.kind === 'correct' || (step.kind === 'ask' && READING_CODES.includes(step.issue.code));

const minutesOf = (deps: TextDeps) => deps.pendingMinutes ?? DEFAULT_PENDING_MINUTES;

/** The same question as before (asked again, unchanged): answers written since it was first asked still apply to it. */
export function sameQuestion(deps: Pick<TextDeps, 'thresholds'>, order: ResultOrderInfo, before: FlowState | undefined, after: FlowState): boolean {
  if (!before || before.orderNo !== after.orderNo || stepName(before.step) !== stepName(after.step)) return false;
  return promptOf(order, before.draft, before.step, deps.thresholds) === promptOf(order, after.draft, after.step, deps.thresholds);
}

/**
 * Keeps the conversation for the next answer, for `pendingMinutes` from now, with the event that asked the question
 * and what the bot said (sent again if that event is replayed).
 */
export async function saveFlow(deps: TextDeps, sender: Pick<TextSender, 'personId' | 'eventId'>, state: FlowState, said: string, same = false): Promise<void> {
  const expiresAt = new Date(deps.clock.now().getTime() + minutesOf(deps) * 60_000);
  const reply = { personId: sender.personId, orderNo: state.orderNo, step: stepName(state.step), state: JSON.stringify(state), expiresAt, sourceEventId: sender.eventId ?? null, said };
  await deps.pending.put(reply, { sameQuestion: same });
}

/**
 * Records a complete conversation (the conversation ends in the same transaction), or keeps it for the next answer.
 * A correction's conversation ends with the corrected result written over the recorded one.
 */
export async function conclude(deps: TextDeps, sender: TextSender, order: ResultOrderInfo, turn: FlowTurn, lead: string[] = [], before?: FlowState): Promise<string> {
  const said = [...lead, ...turn.say];
  if (!turn.complete) {
    await saveFlow(deps, sender, turn.state, said.join('\n'), sameQuestion(deps, order, before, turn.state));
    return said.join('\n');
  }
  const { draft, files } = turn.state;
  if (turn.state.correction) {
    const corrected = { order, personId: sender.personId, channel: sender.platform, draft, files, inChannel: sender.inChannel };
    const done = await correctResult(deps, { ...corrected, ...(sender.eventId === undefined ? {} : { sourceEventId: sender.eventId }), conversation: { said: said.join('\n') } });
    return [...said, done].join('\n');
  }
  const input = { order, personId: sender.personId, channel: sender.platform, draft: { ...draft, outcome: draft.outcome! }, files, inChannel: sender.inChannel };
  const done = await recordResult(deps, { ...input, sourceEventId: sender.eventId, conversation: { said: said.join('\n') } });
  return [...said, done.text].join('\n');
}

/**
 * An answer written before the open question was asked (its event is not newer than the question's marker) is not
 * an answer to it: the person is told, and the open question is shown again. Nothing changes.
 */
export function writtenBeforeQuestion(pending: PendingReply, eventId: number | undefined): boolean {
  return eventId !== undefined && pending.askedAfterEventId !== null && pending.askedAfterEventId !== undefined && eventId <= pending.askedAfterEventId;
}

async function openOrdersListOf(deps: TextDeps, personId: string): Promise<string> {
  const date = tokyoDate(deps.clock.now());
  return openOrdersHint(await deps.results.ofDay(date, { assigneeId: personId }), personId, date);
}

/** A new result typed as text: the order it names, what was understood, then the first question. */
async function start(deps: TextDeps, sender: TextSender, reply: ParsedReply, previous: PendingReply | undefined): Promise<string> {
  // Without an order number, a result is for the worker's only open order (the echo names it); else it is asked.
  const only = reply.taskRef === null && !reply.ambiguities.includes('taskRef.multiple') ? await onlyOpenOrder(deps, sender.personId) : undefined;
  if (reply.taskRef === null && !only) {
    if (reply.ambiguities.includes('taskRef.multiple')) return t('replies.ambiguity.taskRef.multiple');
    return t('resultFlow.ask.orderRef', { hint: await openOrdersListOf(deps, sender.personId) });
  }
  const order = only ?? (await resolveResultOrder(deps, reply.taskRef!, sender.personId));
  if (reply.kind && reply.kind !== order.kind) {
    return t('resultFlow.refuse.kindMismatch', { orderNo: order.orderNo, kind: kindLabel(order.kind), typed: kindLabel(reply.kind) });
  }
  const lead = previous && previous.orderNo !== order.orderNo ? [t('resultFlow.replaced', { orderNo: previous.orderNo })] : [];
  const audience = sender.inChannel ? 'channel' : 'assigneeDirect';
  const place = placeOf(order, audience, deps.privacy);
  const show = await freeTextFor(deps, order.orderNo, audience);
  return conclude(deps, sender, order, startFlow(order, reply, place, sender.files, deps.thresholds, show), lead);
}

/** An answer in a conversation; undefined when it answers nothing and may be meant for another feature. */
async function answer(deps: TextDeps, sender: TextSender, pending: PendingReply, state: FlowState, text: string, reply: ParsedReply): Promise<string | undefined> {
  const order = await deps.results.byNo(state.orderNo);
  if (!order) {
    await deps.pending.remove(sender.personId);
    return t('resultFlow.refuse.gone', { orderNo: state.orderNo });
  }
  try {
    if (state.correction) await correctableResult(deps, order, sender.personId);
    else await checkRecordable(deps, order, sender.personId);
  } catch (e) {
    if (!isAppError(e)) throw e;
    await deps.pending.remove(sender.personId);
    return e.message;
  }
  const turn = answerFlow(order, state, { reply, text: text.trim() }, sender.files, deps.thresholds);
  const freeText = state.step.kind === 'ask' && FREE_TEXT_CODES.includes(state.step.issue.code);
  if (turn.unclear && !freeText && reply.intent === 'unknown' && sender.files.length === 0) return undefined;
  if (writtenBeforeQuestion(pending, sender.eventId)) {
    deps.logger.info('answer written before the open question, not applied', { eventId: sender.eventId, askedAfter: pending.askedAfterEventId, step: pending.step });
    return [t('resultFlow.questionChanged'), promptOf(order, state.draft, state.step, deps.thresholds)].join('\n');
  }
  return conclude(deps, sender, order, turn, [], state);
}

/** What the results flow answers to a text, and the order it refused because its result is recorded already. */
export interface ResultTextAnswer {
  text: string;
  /** 「記録済み」: the order whose recorded result is shown (訂正 is offered when the sender may correct it). */
  recordedOrderNo?: string;
}

/**
 * Free text for the results flow. A result (「0012 開栓完了 指針1187」) starts a conversation: the order is resolved
 * among the sender's orders of the day (refusals say why), what was understood is echoed with the reading to
 * confirm, then the rules' questions follow one at a time; the result is recorded when nothing is missing. The
 * conversation is kept in PendingReply (it survives a restart) and expires after `pendingMinutes`. An answer applies
 * only to the question that was open when it was written: its inbound event must be newer than the question
 * (writtenBeforeQuestion); event ids, not clock times, order them (a virtual or skewed clock cannot reorder them).
 * `plain` is the parser's reading of the text, in the context of the open question (openQuestion: a lone number
 * answers a reading question); doubts, help and 残り never reach here (the chat surface reads them first). Returns
 * the answer to send, or undefined when the text answers nothing here.
 */
export async function handleResultText(deps: TextDeps, sender: TextSender, text: string, plain: ParsedReply): Promise<ResultTextAnswer | undefined> {
  const pending = await deps.pending.get(sender.personId);
  const live = pending && isLive(deps, pending) ? pending : undefined;
  const state = live ? flowStateOf(live) : undefined;
  // A whole result (order and outcome) always starts afresh; anything else answers the conversation, if any.
  const wholeResult = plain.intent === 'result' && plain.taskRef !== null && plain.outcome !== null;
  // An expired conversation is said to be gone. A result with words typed after it (完了 指針2250) is read as a new one,
  // its reading kept, not dropped with the old conversation; a bare number is not taken for an order number.
  const worded = plain.intent === 'result' && (plain.outcome !== null || plain.reading !== null || plain.kind !== null || Object.keys(plain.facts).length > 0);
  if (pending && !live && !wholeResult && !worded && plain.intent !== 'unknown') return { text: await expire(deps, pending) };
  const lead = pending && !live && worded && !wholeResult ? [await expire(deps, pending, 'resultFlow.expiredBefore')] : [];
  const newResult = wholeResult || (plain.intent === 'result' && !state);
  try {
    if (newResult) return { text: [...lead, await start(deps, sender, plain, live)].join('\n') };
    const answered = live && state ? await answer(deps, sender, live, state, text, plain) : undefined;
    return answered === undefined ? undefined : { text: answered };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const orderNo = e.details?.recordedOrderNo;
    return { text: [...lead, e.message].join('\n'), ...(typeof orderNo === 'string' ? { recordedOrderNo: orderNo } : {}) };
  }
}

/** The person's open results question, live or expired (an answer to an expired one is told so). */
export async function openQuestion(deps: TextDeps, personId: string): Promise<ResultQuestion | undefined> {
  const pending = await deps.pending.get(personId);
  if (!pending) return undefined;
  const state = isLive(deps, pending) ? flowStateOf(pending) : undefined;
  return { awaitsReading: state !== undefined && awaitsReading(state.step) };
}

const isLive = (deps: TextDeps, pending: PendingReply) => pending.expiresAt.getTime() > deps.clock.now().getTime();

/** The open question of a live conversation as it is asked, or undefined when its state or order is gone. */
async function openPrompt(deps: TextDeps, pending: PendingReply): Promise<{ state: FlowState; prompt: string } | undefined> {
  const state = flowStateOf(pending);
  const order = state ? await deps.results.byNo(state.orderNo) : undefined;
  return state && order ? { state, prompt: promptOf(order, state.draft, state.step, deps.thresholds) } : undefined;
}

async function expire(deps: TextDeps, pending: PendingReply, key: 'resultFlow.expired' | 'resultFlow.expiredBefore' = 'resultFlow.expired'): Promise<string> {
  await deps.pending.remove(pending.personId);
  return t(key, { orderNo: pending.orderNo, minutes: minutesOf(deps) });
}

/**
 * For text no feature recognised: a conversation waiting for an answer asks its question again; one that expired
 * says so. undefined when the person has no conversation.
 */
export async function repromptPending(deps: TextDeps, personId: string): Promise<string | undefined> {
  const pending = await deps.pending.get(personId);
  if (!pending) return undefined;
  if (!isLive(deps, pending)) return expire(deps, pending);
  const open = await openPrompt(deps, pending);
  if (!open) {
    await deps.pending.remove(personId);
    return undefined;
  }
  const again = open.state.step.kind === 'clarify' ? t('resultFlow.clarifyAgain') : t('resultFlow.unclear');
  return [again, open.prompt].join('\n');
}

/**
 * After a message that was about something else (ヘルプ, 残り, a doubt, a refused 訂正 …), the question the results
 * conversation still waits for is asked again, so that the next word is not taken for an answer to a question the
 * person no longer sees. Not when this very message asked it (its event wrote the conversation), or it expired.
 */
export async function remindOpenQuestion(deps: TextDeps, personId: string, eventId: number | undefined): Promise<string | undefined> {
  const pending = await deps.pending.get(personId);
  if (!pending || eventId === undefined || pending.sourceEventId === eventId) return undefined;
  const open = isLive(deps, pending) ? await openPrompt(deps, pending) : undefined;
  return open && [t('resultFlow.stillOpen', { orderNo: open.state.orderNo }), open.prompt].join('\n');
}
