import { tokyoDate, tokyoMinutes } from '../../domain/calendar/local-time.ts';
import { DEFAULT_CHAT_POLICY, locationFor, type Audience, type ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import { isAnswered, type ResultDraft } from '../../domain/results/result-draft.ts';
import { METER_WORK_LABELS, TASK_KIND_LABELS } from '../../domain/work-order/task-kind.ts';
import { t, templateText } from '../../templates.ts';
import { kindText } from '../dispatch/day-views.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';
import { consumableLines } from './consumable-fields.ts';
import type { RecordedResult, ResultOrderInfo } from './ports.ts';
import type { ShowText } from './result-free-text.ts';

const line = (key: string, params: Record<string, string | number> = {}) => templateText(`resultFlow.line.${key}`, params);
const item = (key: string, params: Record<string, string | number> = {}) => templateText(`resultFlow.item.${key}`, params);

/** Where the order is, for this audience: the address in the assignee's own messages (default policy), else the town. */
export function placeOf(order: ResultOrderInfo, audience: Audience, policy: ChatPrivacyPolicy = DEFAULT_CHAT_POLICY): string {
  return locationFor({ ...order, customerName: null, customerNameKana: null, phone: null, customerNumber: null }, policy, audience);
}

/** "20260327-0012 閉栓 (石川県金沢市…)". */
export function orderLine(order: ResultOrderInfo, place: string): string {
  return line('order', { orderNo: order.orderNo, kind: kindText(order), place });
}

/** 3月27日 10:15. */
export function whenText(at: Date): string {
  const minutes = tokyoMinutes(at);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${japaneseDay(tokyoDate(at))} ${hhmm}`;
}

const hasMeterFacts = (draft: ResultDraft): boolean => Boolean(draft.meterNumber) || isAnswered(draft.meterDiameterMm);

function meterText(draft: ResultDraft): string {
  const parts = [draft.meterNumber, isAnswered(draft.meterDiameterMm) ? `φ${draft.meterDiameterMm}` : null].filter(Boolean);
  return parts.join(' ') || t('resultFlow.unknown');
}

function readingLine(order: ResultOrderInfo, reading: number): string {
  if (order.previousReading === null) return line('reading', { reading });
  const usage = reading - order.previousReading;
  return line(usage < 0 ? 'readingLower' : 'readingUsage', { reading, previousReading: order.previousReading, usage });
}

function meterLines(draft: ResultDraft): string[] {
  if (draft.meterWorkDone) {
    const work = METER_WORK_LABELS[draft.meterWorkDone];
    // A removed meter's number and diameter are the billing system's: nothing was asked, so nothing is "unknown".
    return [hasMeterFacts(draft) ? line('meterWork', { work, meter: meterText(draft) }) : line('meterWorkDone', { work })];
  }
  return draft.meterDiffersFromRecord ? [line('meterDiffers', { meter: meterText(draft) })] : [];
}

function workItems(draft: ResultDraft): string[] {
  const items: string[] = [];
  if (draft.customerConsent) items.push(item('consent'));
  if (draft.valveFoundClosed === true) items.push(item('valveFoundClosed'));
  if (draft.valveFoundClosed === false) items.push(item('valveFoundOpen'));
  if (draft.valvePinReplaced) items.push(item('valvePin'));
  if (draft.sealFitted) items.push(item('seal'));
  if (draft.noticeSlipLeft && !draft.pilotStillTurning) items.push(item('noticeSlip'));
  if (draft.leakSuspected) items.push(item('leak'));
  if (draft.equipmentDefect) items.push(item('equipmentDefect'));
  if (isAnswered(draft.customerToldOfDefect)) items.push(item(draft.customerToldOfDefect ? 'userTold' : 'userNotTold'));
  if (draft.improperUse) items.push(item('improperUse'));
  if (isAnswered(draft.improperUseNotified)) items.push(item(draft.improperUseNotified ? 'filingNotified' : 'filingNotNotified'));
  return items;
}

function pilotLines(draft: ResultDraft, show: ShowText): string[] {
  if (!isAnswered(draft.pilotStillTurning)) return [];
  if (!draft.pilotStillTurning) return [line('pilot', { value: item('pilotStopped') })];
  const actions = [
    draft.valveClosedForPilot ? item('valveClosed') : null,
    draft.noticeSlipLeft ? item('noticeSlip') : null,
    draft.phoneContacted ? item('phoned', { outcome: draft.phoneContactOutcome ? show(draft.phoneContactOutcome) : t('resultFlow.unknown') }) : null,
  ].filter((a): a is string => a !== null);
  return [line('pilot', { value: [item('pilotTurning'), ...actions].join('、') })];
}

/**
 * The lines describing a draft or a recorded result, as far as it is known (no customer data ever): free text the
 * worker typed goes through `show`, which masks what the audience may not see.
 */
export function draftLines(order: ResultOrderInfo, draft: ResultDraft, show: ShowText): string[] {
  const lines: string[] = [];
  if (draft.outcome) lines.push(line('outcome', { value: t(`resultFlow.outcome.${draft.outcome}`) }));
  if (isAnswered(draft.customerPresent) && draft.outcome !== 'absent') {
    lines.push(line('presence', { value: item(draft.customerPresent ? 'present' : 'absent') }));
  }
  if (isAnswered(draft.reading)) lines.push(readingLine(order, draft.reading));
  if (draft.readingDifferenceNote) lines.push(line('readingNote', { value: show(draft.readingDifferenceNote) }));
  lines.push(...meterLines(draft));
  const work = workItems(draft);
  if (work.length > 0) lines.push(line('work', { value: work.join('、') }));
  lines.push(...consumableLines(draft));
  lines.push(...pilotLines(draft, show));
  if (draft.outdoorTap) lines.push(line('outdoorTap', { value: item(`tap.${draft.outdoorTap}`) }));
  if (draft.notDoneReason) lines.push(line('reason', { value: show(draft.notDoneReason) }));
  if (draft.note) lines.push(line('note', { value: show(draft.note) }));
  return lines;
}

/** A recorded result for the sender: when, by whom, what, photos. */
export function recordedText(order: ResultOrderInfo, result: RecordedResult, nameOf: (id: string) => string, place: string, show: ShowText): string {
  return [
    orderLine(order, place),
    line('recordedBy', { when: whenText(result.recordedAt), name: nameOf(result.personId) }),
    ...draftLines(order, result, show),
    ...(result.photoCount > 0 ? [line('photos', { count: result.photoCount })] : []),
  ].join('\n');
}

/** "開栓" etc. for a kind typed in a reply. */
export const kindLabel = (kind: keyof typeof TASK_KIND_LABELS) => TASK_KIND_LABELS[kind];
