import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { checkReading } from '../../domain/results/reading-check.ts';
import type { ResultDraft, ResultOutcome } from '../../domain/results/result-draft.ts';
import { openingReadingDiffers } from '../../domain/results/result-field-checks.ts';
import { t, templateText } from '../../templates.ts';
import type { NewResult, RecordedResult, ResultOrderInfo, ResultsDeps, StoredFile } from './ports.ts';
import { freeTextFor } from './result-free-text.ts';
import { placeOf, recordedText } from './result-lines.ts';
import { sendFlags } from './result-flags.ts';

export interface RecordResultInput {
  order: ResultOrderInfo;
  personId: string;
  /** slack | teams | console | cli: where the result was entered. */
  channel: string;
  /** A complete draft (validateResult found nothing). */
  draft: ResultDraft & { outcome: ResultOutcome };
  files: StoredFile[];
  /** The reply's audience: in a channel the place is the town. */
  inChannel?: boolean;
  /** The inbound chat event recording it (a replay of that event records nothing again). */
  sourceEventId?: number;
  /** The text conversation that ends with this result, and what it tells the worker before the recorded result. */
  conversation?: { said: string };
}

export interface RecordResultOutcome {
  recorded: boolean;
  /** What to tell the worker: the confirmation, or why nothing was recorded (with the recorded result). */
  text: string;
  result?: RecordedResult;
  flaggedTo: string[];
}

/**
 * The reading checks' flags; an unconfirmed reading is never recorded. Work done with the customer away is the
 * outcome 'absent' (完了 … 不在 says both).
 */
export function finalDraft(deps: Pick<ResultsDeps, 'thresholds'>, order: ResultOrderInfo, given: RecordResultInput['draft']): NewResult['draft'] {
  const draft = given.outcome === 'done' && given.customerPresent === false ? { ...given, outcome: 'absent' as const } : given;
  if (draft.readingConfirmed !== true || draft.reading === null || draft.reading === undefined) {
    const noReading = { reading: null, readingConfirmed: false, readingDifferenceNote: null };
    return { ...draft, ...noReading, readingLowerThanPrevious: false, usageFarAbovePrevious: false, readingDiffersFromPrevious: false };
  }
  const check = checkReading(draft.reading, order, deps.thresholds);
  const differs = openingReadingDiffers(order, draft, deps.thresholds);
  const flags = { readingLowerThanPrevious: check.readingLowerThanPrevious, usageFarAbovePrevious: check.usageFarAbovePrevious, readingDiffersFromPrevious: differs };
  return { ...draft, ...flags, readingDifferenceNote: differs ? (draft.readingDifferenceNote ?? null) : null };
}

async function refusal(deps: ResultsDeps, order: ResultOrderInfo, personId: string, outcome: Exclude<Awaited<ReturnType<ResultsDeps['results']['record']>>, { status: 'recorded' }>): Promise<string> {
  if (outcome.status === 'exists') {
    const names = await deps.directory.names();
    const show = await freeTextFor(deps, order.orderNo, outcome.result.personId === personId ? 'assigneeDirect' : 'otherDirect');
    const shown = recordedText(order, outcome.result, (id) => names.get(id) ?? id, placeOf(order, 'assigneeDirect', deps.privacy), show);
    return t('resultFlow.refuse.finished', { orderNo: order.orderNo, result: shown });
  }
  if (outcome.status === 'notAssignee') {
    const names = await deps.directory.names();
    const id = outcome.assigneeId;
    return id ? t('resultFlow.refuse.notYours', { orderNo: order.orderNo, id, name: names.get(id) ?? id }) : t('resultFlow.refuse.unassigned', { orderNo: order.orderNo });
  }
  if (outcome.status === 'notOpen') return t('resultFlow.refuse.closed', { orderNo: order.orderNo, status: templateText(`resultFlow.status.${outcome.orderStatus}`) });
  return t('resultFlow.refuse.gone', { orderNo: order.orderNo });
}

/**
 * Records a complete result once (spec 15(3)ウ): TaskResult with the channel and its source event, the order's
 * status, meter movements, valve pins and seals used, photos, the audit row and the end of the person's text
 * conversation about the order, in one transaction; a result recorded after hours keeps the consent that covers it
 * (or none: flagged). A second result for the same order is refused and the recorded one is shown: a double click or
 * a second submission changes nothing. Then the worker's day message is updated in place and the day's supervisors
 * get the flags (announceResult).
 */
export async function recordResult(deps: ResultsDeps, input: RecordResultInput): Promise<RecordResultOutcome> {
  const { order } = input;
  const now = deps.clock.now();
  const consent = await deps.consentFor(order.orderNo, now);
  const outcome = await deps.results.record({
    orderNo: order.orderNo,
    personId: input.personId,
    channel: input.channel,
    recordedAt: now,
    draft: finalDraft(deps, order, input.draft),
    afterHours: consent.afterHours,
    afterHoursConsentId: consent.afterHours ? consent.consentId : null,
    files: input.files,
    sourceEventId: input.sourceEventId ?? null,
    ...(input.conversation ? { conversation: input.conversation } : {}),
  });
  if (outcome.status !== 'recorded') {
    deps.logger.info('result not recorded', { orderNo: order.orderNo, status: outcome.status });
    return { recorded: false, text: await refusal(deps, order, input.personId, outcome), flaggedTo: [] };
  }
  const result = outcome.result;
  deps.logger.info('result recorded', { orderNo: order.orderNo, outcome: result.outcome, channel: input.channel, afterHours: result.afterHours });
  return announceResult(deps, input, result);
}

/**
 * What follows a recorded result, computed from the stored result only, so the replay of the event that recorded
 * it sends the same messages in the same order: the worker's day view updated in place, the supervisors' flag card,
 * and the confirmation for the worker.
 */
export async function announceResult(
  deps: ResultsDeps,
  input: Pick<RecordResultInput, 'order' | 'personId' | 'inChannel'>,
  result: RecordedResult,
): Promise<RecordResultOutcome> {
  const { order } = input;
  const day = tokyoDate(result.recordedAt);
  await deps.refreshWorkerDay(input.personId, order.assignment?.date ?? day);
  const flaggedTo = await sendFlags(deps, order, result, day);
  const names = await deps.directory.names();
  const audience = input.inChannel ? 'channel' : 'assigneeDirect';
  const place = placeOf(order, audience, deps.privacy);
  const shown = recordedText(order, result, (id) => names.get(id) ?? id, place, await freeTextFor(deps, order.orderNo, audience));
  const extra = flaggedTo.length > 0 ? [t('resultFlow.flaggedToSupervisor')] : [];
  return { recorded: true, text: [t('resultFlow.recorded'), shown, ...extra].join('\n'), result, flaggedTo };
}
