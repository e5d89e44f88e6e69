import type { AmbiguityCode, ParsedReply, ReplyFact } from '../../domain/replies/parsed-reply.ts';
import { checkReading, type UsageAlertThresholds } from '../../domain/results/reading-check.ts';
import { quantitiesPatch } from '../../domain/consumables/consumable-items.ts';
import { isAnswered, type ResultDraft } from '../../domain/results/result-draft.ts';
import { issueTemplateKey, type ResultIssue, type ResultIssueCode } from '../../domain/results/result-issue.ts';
import { validateResult } from '../../domain/results/result-requirements.ts';
import { clarificationsFor, clarifiedPatch, clarifyQuestionKey, isRecordedFor } from '../../domain/results/unclear-facts.ts';
import type { CorrectionRole } from '../../domain/results/result-correction.ts';
import { hasTemplate, t, templateText } from '../../templates.ts';
import { isAcknowledgement } from './answer-words.ts';
import { clarifyAnswerOf } from './clarify-answers.ts';
import { factsPatch, FREE_TEXT_CODES, interpretAnswer, unanswered, type Answer } from './flow-answers.ts';
import type { ResultOrderInfo, StoredFile } from './ports.ts';
import { maskAnyPersonal, type ShowText } from './result-free-text.ts';
import { draftLines, orderLine } from './result-lines.ts';

/**
 * Where a text conversation stands: the reading echoed for confirmation, a correction awaited, a question, or a
 * yes/no question about a fact the worker's text left unclear (clarify).
 */
export type FlowStep = { kind: 'confirm' } | { kind: 'correct' } | { kind: 'ask'; issue: ResultIssue } | { kind: 'clarify'; fact: ReplyFact };

/** The conversation of one result, kept in PendingReply (JSON) between messages. */
export interface FlowState {
  v: 1;
  orderNo: string;
  draft: ResultDraft;
  step: FlowStep;
  files: StoredFile[];
  /** Unclear facts still to ask about, the open one first (absent in conversations saved before it existed). */
  clarify?: ReplyFact[];
  /** 散水栓あり: the worker said there is a tap, without saying whether water flows (the tap question asks 出る / 出ない). */
  outdoorTapSeen?: true;
  /** 訂正: the draft corrects the recorded result (checked like a new one, then written over it). */
  correction?: { role: CorrectionRole; amendsReport: boolean };
}

/** The next message to the worker, and whether the draft is complete (ready to record). */
export interface FlowTurn {
  state: FlowState;
  complete: boolean;
  say: string[];
  /** The answer did not answer the question (it is asked again). */
  unclear?: boolean;
}

export const stepName = (step: FlowStep): string =>
  step.kind === 'ask' ? `ask:${step.issue.code}` : step.kind === 'clarify' ? `clarify:${step.fact}` : step.kind;

/** A reading to confirm: results of work carried out (not 「できず」; その他 too, its reading is kept) not yet confirmed. */
const needsConfirmation = (_order: ResultOrderInfo, draft: ResultDraft) =>
  isAnswered(draft.reading) && draft.readingConfirmed !== true && draft.outcome !== 'not_done';

/** A lower reading after the worker fitted a meter is explained by that meter: nothing to ask. */
function settleFittedMeter(order: ResultOrderInfo, draft: ResultDraft, thresholds: UsageAlertThresholds): ResultDraft {
  const fitted = draft.meterWorkDone === 'install' || draft.meterWorkDone === 'replace';
  if (!fitted || isAnswered(draft.meterDiffersFromRecord) || !isAnswered(draft.reading)) return draft;
  return { ...draft, meterDiffersFromRecord: checkReading(draft.reading, order, thresholds).readingLowerThanPrevious };
}

/** What to do next for a draft: confirm the reading, ask the next question, or nothing (complete). */
export function nextStep(order: ResultOrderInfo, draft: ResultDraft, thresholds: UsageAlertThresholds): FlowStep | null {
  if (needsConfirmation(order, draft)) return { kind: 'confirm' };
  const issues = validateResult(order, draft, thresholds);
  // A reading lower than the previous one is settled right after it is confirmed: replaced, different, or misread;
  // then an 開栓 reading other than the previous one is stated (その旨).
  const issue = issues.find((i) => i.code === 'meterDiffersFromRecord.missing') ?? issues.find((i) => i.code === 'readingDifferenceNote.missing') ?? issues[0];
  return issue ? { kind: 'ask', issue } : null;
}

/** The tap question once the worker said there is one (散水栓あり): whether water flows, never なし. */
function withTapSeen(state: Pick<FlowState, 'outdoorTapSeen'>, step: FlowStep | null): FlowStep | null {
  if (!state.outdoorTapSeen || step?.kind !== 'ask' || step.issue.code !== 'outdoorTap.missing') return step;
  return { kind: 'ask', issue: { code: 'outdoorTap.missing', params: { seen: 1 } } };
}

/**
 * The question for a step: the flow's own wording (resultFlow.ask.*) where it has one, else the rule's. Every one ends
 * with the question that is open (an advice, 水が出ていません…, is followed by what to answer).
 */
export function promptOf(order: ResultOrderInfo, draft: ResultDraft, step: FlowStep, thresholds: UsageAlertThresholds): string {
  if (step.kind === 'correct') return t('resultFlow.ask.correct');
  if (step.kind === 'ask' && step.issue.code === 'outdoorTap.missing' && step.issue.params?.['seen'] !== undefined) return t('resultFlow.ask.outdoorTapSeen');
  if (step.kind === 'clarify') return templateText(clarifyQuestionKey(step.fact));
  if (step.kind === 'confirm') {
    const reading = draft.reading as number;
    const check = checkReading(reading, order, thresholds);
    if (check.usageFarAbovePrevious) return templateText(issueTemplateKey('reading.confirmHighUsage'), { reading, usage: check.usage!, previousUsage: order.previousUsage! });
    return t('resultFlow.ask.confirm', { reading });
  }
  const own = `resultFlow.ask.${step.issue.code}`;
  return templateText(hasTemplate(own) ? own : issueTemplateKey(step.issue.code), step.issue.params ?? {});
}

/** The next step of a draft: complete, or the next question after what is said. */
export function turn(order: ResultOrderInfo, state: Omit<FlowState, 'step'>, thresholds: UsageAlertThresholds, say: string[]): FlowTurn {
  const draft = settleFittedMeter(order, state.draft, thresholds);
  // An unclear fact is asked first, one at a time: nothing is recorded while one is open.
  const unclear = state.clarify?.[0];
  const step: FlowStep | null = unclear ? { kind: 'clarify', fact: unclear } : withTapSeen(state, nextStep(order, draft, thresholds));
  if (!step) return { state: { ...state, draft, step: { kind: 'confirm' } }, complete: true, say };
  return { state: { ...state, draft, step }, complete: false, say: [...say, promptOf(order, draft, step, thresholds)] };
}

/**
 * The note of a result: only what the worker marked as one (メモ … / 備考 …, read by the parser as `memo`). Words the
 * parser did not understand are never kept silently: the echo says they were not recorded (unreadLine).
 */
const explicitNoteOf = (reply: ParsedReply): string | null => reply.memo;

function unreadLine(reply: ParsedReply, show: ShowText): string[] {
  if (reply.note === null || !reply.ambiguities.includes('text.unrecognized')) return [];
  return [t('resultFlow.line.unread', { value: show(reply.note) })];
}

/** A reply's fields as a draft: what the worker said, nothing more. */
export function draftFromReply(order: ResultOrderInfo, reply: ParsedReply): ResultDraft {
  const draft: ResultDraft = {
    outcome: reply.outcome,
    ...factsPatch(order, reply.facts),
    ...quantitiesPatch(reply.consumables),
    ...(reply.outcome === 'absent' ? { customerPresent: false } : {}),
    reading: reply.reading,
    readingConfirmed: false,
    notDoneReason: reply.notDoneReason,
    note: explicitNoteOf(reply),
  };
  if (reply.meterNumber) draft.meterNumber = reply.meterNumber;
  if (reply.meterDiameterMm) draft.meterDiameterMm = reply.meterDiameterMm;
  return draft;
}

/** What the worker said was not done (ピンはなし → ピン交換: なし): shown so the negation is seen read, never recorded as done. */
const deniedLines = (reply: ParsedReply): string[] => reply.deniedFacts.map((fact) => t(`resultFlow.denied.${fact}`));

/** Ambiguities worth telling: the order and outcome are asked for anyway, leftover words are kept as a note. */
const SILENT: readonly AmbiguityCode[] = ['taskRef.missing', 'taskRef.multiple', 'outcome.missing', 'notDoneReason.missing', 'text.unrecognized'];

/**
 * 「した」とも「していない」とも: told only when a fact the order's kind records is unclear (it is then asked, one yes/no
 * question); a fact the kind does not record (ピン on a 名変) is neither told nor asked.
 */
function unsureLine(order: ResultOrderInfo, reply: ParsedReply): string[] {
  const recorded = reply.unclearFacts.some((f) => isRecordedFor(order.kind, f));
  const codes = reply.ambiguities.filter((c) => !SILENT.includes(c) && (c !== 'fact.conflicting' || recorded));
  if (codes.length === 0) return [];
  const text = codes.map((c) => (hasTemplate(`replies.ambiguity.${c}`) ? t(`replies.ambiguity.${c}`) : c)).join(' / ');
  return [t('resultFlow.line.unsure', { value: text })];
}

/** The first message of a text result: what was understood (the order, the reading …), then the first question. */
export function startFlow(
  order: ResultOrderInfo,
  reply: ParsedReply,
  place: string,
  files: StoredFile[],
  thresholds: UsageAlertThresholds,
  show: ShowText = maskAnyPersonal,
): FlowTurn {
  const draft = draftFromReply(order, reply);
  const echo = [t('resultFlow.understood'), orderLine(order, place), ...draftLines(order, draft, show), ...deniedLines(reply), ...unsureLine(order, reply), ...unreadLine(reply, show)];
  if (files.length > 0) echo.push(t('resultFlow.line.photos', { count: files.length }));
  const clarify = clarificationsFor(order.kind, reply.unclearFacts).map((c) => c.fact);
  const tapSeen = reply.facts.outdoorTapPresent === true && !isAnswered(draft.outdoorTap);
  return turn(order, { v: 1, orderNo: order.orderNo, draft, files, ...(clarify.length > 0 ? { clarify } : {}), ...(tapSeen ? { outdoorTapSeen: true } : {}) }, thresholds, echo);
}

/**
 * A reading given with a marker (指針2250) in the answer to a question that reads no reading: a diameter (20), a meter
 * number or a free text (前回の指針1200は…) is not one.
 */
function markedReading(code: ResultIssueCode, { reply, text }: Answer): number | null {
  if (reply.reading === null || FREE_TEXT_CODES.includes(code) || code.startsWith('reading.') || code.startsWith('meter')) return null;
  return READING_MARKER.test(text) ? reply.reading : null;
}

const READING_MARKER = /指針|指示数|検針/u;

/** A reading given in an answer: kept, and confirmed like any reading (never recorded unconfirmed). */
const readingPatch = (reading: number): Partial<ResultDraft> => ({ reading, readingConfirmed: false });

/** The worker's yes or no to a clarifying question sets that fact; anything else gets the question again. */
function answerClarify(order: ResultOrderInfo, state: FlowState, fact: ReplyFact, answer: Answer, thresholds: UsageAlertThresholds): FlowTurn {
  const yes = clarifyAnswerOf(fact, answer);
  if (yes === null) {
    // A reading typed meanwhile is kept (to be confirmed after the question), never dropped.
    const kept = answer.reply.reading === null || !READING_MARKER.test(answer.text) ? state : { ...state, draft: { ...state.draft, ...readingPatch(answer.reply.reading) } };
    return { state: kept, complete: false, unclear: true, say: [t('resultFlow.clarifyAgain'), promptOf(order, state.draft, state.step, thresholds)] };
  }
  const rest = (state.clarify ?? []).filter((f) => f !== fact);
  const { clarify: _asked, ...others } = state;
  const draft = { ...state.draft, ...clarifiedPatch(fact, yes) };
  return turn(order, { ...others, draft, ...(rest.length > 0 ? { clarify: rest } : {}) }, thresholds, []);
}

function answerConfirm(order: ResultOrderInfo, state: FlowState, answer: Answer, thresholds: UsageAlertThresholds): FlowTurn {
  const { reply } = answer;
  if (reply.reading !== null) {
    return turn(order, { ...state, draft: { ...state.draft, reading: reply.reading, readingConfirmed: false } }, thresholds, []);
  }
  // 了解 / 承知 acknowledge the echo, they do not say the reading is right: the question is asked again.
  if (reply.intent === 'confirm' && !isAcknowledgement(answer.text)) return turn(order, { ...state, draft: { ...state.draft, readingConfirmed: true } }, thresholds, []);
  if (reply.intent === 'deny' && state.step.kind === 'confirm') {
    const step: FlowStep = { kind: 'correct' };
    return { state: { ...state, step }, complete: false, say: [promptOf(order, state.draft, step, thresholds)] };
  }
  return { state, complete: false, unclear: true, say: [t('resultFlow.unclear'), promptOf(order, state.draft, state.step, thresholds)] };
}

/**
 * One answer in the conversation. Confirming the echo confirms the reading; denying it asks for the right one.
 * A question's answer is read for that question (and any facts mentioned on the way); an answer that does not
 * answer it gets the question again.
 */
export function answerFlow(order: ResultOrderInfo, state: FlowState, answer: Answer, files: StoredFile[], thresholds: UsageAlertThresholds): FlowTurn {
  const withFiles = { ...state, files: [...state.files, ...files] };
  const received = files.length > 0 ? [t('resultFlow.photosReceived', { count: files.length })] : [];
  if (state.step.kind === 'clarify') {
    const out = answerClarify(order, withFiles, state.step.fact, answer, thresholds);
    return { ...out, say: [...received, ...out.say] };
  }
  if (state.step.kind !== 'ask') {
    const out = answerConfirm(order, withFiles, answer, thresholds);
    return { ...out, say: [...received, ...out.say] };
  }
  const read = interpretAnswer(order, state.step.issue, answer);
  const reading = markedReading(state.step.issue.code, answer);
  if (!read && reading !== null) {
    // 完了 指針2250 to another question: the reading is not dropped; it is confirmed first, then the question comes again.
    return turn(order, { ...withFiles, draft: { ...state.draft, ...readingPatch(reading) } }, thresholds, received);
  }
  const freeText = FREE_TEXT_CODES.includes(state.step.issue.code);
  if (!read) {
    // A free-text answer that states nothing (はい, 在宅, asdf) is told what is expected: a few words saying what happened.
    const say = [...received, t(freeText ? 'resultFlow.freeTextAgain' : 'resultFlow.unclear'), promptOf(order, state.draft, state.step, thresholds)];
    return { state: withFiles, complete: false, unclear: true, say };
  }
  const said = reading !== null && !('reading' in read.patch) ? readingPatch(reading) : {};
  // Facts are read from an answer on the way, never from a free text (it is kept as typed, as a statement).
  const passing = freeText ? {} : unanswered({ ...state.draft, ...read.patch }, { ...factsPatch(order, answer.reply.facts), ...quantitiesPatch(answer.reply.consumables) });
  const draft = { ...state.draft, ...said, ...read.patch, ...passing };
  const seen = read.outdoorTapSeen ? { outdoorTapSeen: true as const } : {};
  return turn(order, { ...withFiles, ...seen, draft }, thresholds, [...received, ...(read.note ? [read.note] : [])]);
}
