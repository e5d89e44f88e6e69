import { METER_DIAMETERS_MM, type TaskKind } from '../../domain/work-order/task-kind.ts';
import { templateText } from '../../templates.ts';
import type { FormField, FormView } from '../chat/view.ts';
import { kindText } from '../dispatch/day-views.ts';
import { consumableFields } from './consumable-fields.ts';
import type { ResultOrderInfo } from './ports.ts';

export const RESULT_FORM_ID = 'result.form';

/** What a submitted result form carries, by field id (platforms send text or a list for checkboxes). */
export type FormValues = Record<string, string | string[] | undefined>;

const f = (key: string, params: Record<string, string | number> = {}) => templateText(`resultFlow.form.${key}`, params);
const opts = (group: string, values: readonly string[]) => values.map((value) => ({ value, label: f(`${group}.${value}`) }));

/** Outcomes per kind: 不在 means the work was done with the customer away; その他 has no 不在. */
const OUTCOMES: Record<TaskKind, readonly string[]> = {
  open: ['done', 'absent', 'not_done'],
  close: ['done', 'absent', 'not_done'],
  transfer: ['done', 'absent', 'not_done'],
  other: ['done', 'not_done'],
};

/** The meter found or worked on: as on record, different (検満 …), or the work done on it. */
export const METER_CHOICES: Record<Exclude<TaskKind, 'other'>, readonly string[]> = {
  open: ['same', 'differs', 'replaced', 'installed'],
  close: ['same', 'differs', 'removed'],
  transfer: ['same', 'differs'],
};

const METER_INITIAL = { install: 'installed', replace: 'replaced', remove: 'removed' } as const;

type Prefill = FormValues | undefined;

function text(id: string, type: 'text' | 'textarea' | 'number', prefill: Prefill, hint?: string, label = f(`${id}.label`)): FormField {
  const initial = typeof prefill?.[id] === 'string' ? (prefill[id] as string) : undefined;
  return { id, label, type, required: false, ...(hint ? { hint } : {}), ...(initial ? { initial } : {}) };
}

function select(id: string, options: { value: string; label: string }[], prefill: Prefill, initial?: string, required = false): FormField {
  const given = typeof prefill?.[id] === 'string' ? (prefill[id] as string) : undefined;
  const valid = [given, initial].find((v) => v !== undefined && options.some((o) => o.value === v));
  return { id, label: f(`${id}.label`), type: 'select', required, options, ...(valid ? { initial: valid } : {}) };
}

function checkboxes(id: string, values: readonly string[], prefill: Prefill): FormField {
  const given = prefill?.[id];
  const initial = (Array.isArray(given) ? given : typeof given === 'string' ? given.split(',') : []).filter((v) => values.includes(v));
  return { id, label: f(`${id}.label`), type: 'checkboxes', options: opts(id, values), ...(initial.length ? { initial } : {}) };
}

function readingFields(order: ResultOrderInfo, prefill: Prefill): FormField[] {
  const previous = order.previousReading === null ? f('reading.hintNoPrevious') : f('reading.hint', { previous: order.previousReading });
  const fields = [text('reading', 'number', prefill, previous), text('reading2', 'number', prefill, f('reading2.hint'))];
  // 開栓: a reading other than the previous one is stated (spec 15(3)ウ(ｱ)a: その旨を入力する).
  if (order.kind === 'open') fields.push(text('readingNote', 'text', prefill, f('readingNote.hint', { previous: order.previousReading ?? '-' })));
  return fields;
}

const yesNoOptions = (id: string) => ['yes', 'no'].map((value) => ({ value, label: f(`${id}.${value}`) }));

/** What the worker did about a finding (spec 15(3)ウ(ｴ)a, c): asked only when the matching check is ticked. */
function findingFields(prefill: Prefill): FormField[] {
  return [
    { ...select('toldUser', yesNoOptions('toldUser'), prefill), hint: f('toldUser.hint') },
    { ...select('filingNotified', yesNoOptions('filingNotified'), prefill), hint: f('filingNotified.hint') },
  ];
}

function meterFields(order: ResultOrderInfo, kind: Exclude<TaskKind, 'other'>, prefill: Prefill): FormField[] {
  const recorded = order.meterNumber ? f('meter.hintRecorded', { meter: order.meterNumber, mm: order.diameterMm ?? '-' }) : f('meter.hint');
  const meter = { ...select('meter', opts('meter', METER_CHOICES[kind]), prefill, order.meterWork ? METER_INITIAL[order.meterWork] : 'same', true), hint: recorded };
  const diameters = METER_DIAMETERS_MM.map((mm) => ({ value: String(mm), label: `φ${mm}` }));
  return [meter, text('meterNumber', 'text', prefill, f('meterNumber.hint')), { ...select('meterDiameter', diameters, prefill), hint: f('meterDiameter.hint') }];
}

function pilotFields(prefill: Prefill): FormField[] {
  return [
    { ...select('pilot', opts('pilot', ['stopped', 'turning']), prefill), hint: f('pilot.hint') },
    checkboxes('pilotActions', ['valveClosed', 'noticeSlip', 'phoned'], prefill),
    text('phoneOutcome', 'text', prefill, f('phoneOutcome.hint')),
  ];
}

const tap = (prefill: Prefill): FormField => ({ ...select('outdoorTap', opts('outdoorTap', ['flows', 'dry', 'none']), prefill), hint: f('outdoorTap.hint') });

/** The fields specific to each kind, following spec 15(3)ウ (ｱ)–(ｴ). */
function kindFields(order: ResultOrderInfo, prefill: Prefill): FormField[] {
  switch (order.kind) {
    case 'open':
      return [...readingFields(order, prefill), ...meterFields(order, 'open', prefill), tap(prefill), ...pilotFields(prefill)];
    case 'close':
      return [
        ...readingFields(order, prefill),
        checkboxes('work', ['consent', 'valvePin', 'seal', 'noticeSlip'], prefill),
        ...meterFields(order, 'close', prefill),
        tap(prefill),
      ];
    case 'transfer':
      return [
        ...readingFields(order, prefill),
        { ...select('valve', opts('valve', ['foundClosed', 'open']), prefill), hint: f('valve.hint') },
        ...meterFields(order, 'transfer', prefill),
        ...pilotFields(prefill),
      ];
    case 'other':
      // A reading taken on an その他 visit is kept (confirmed by entering it twice).
      return readingFields(order, prefill);
  }
}

/**
 * The result form of one order: outcome, the reading twice (指針, 指針(確認)), the kind's fields, reason and note.
 * Slack modals cannot change while open, so conditional fields (pilot, meter details …) are always there with a
 * hint and are checked on submit (read-result-form.ts). `prefill` reopens a rejected form with what was entered.
 */
export function buildResultForm(order: ResultOrderInfo, prefill?: FormValues): FormView {
  const checks = order.kind === 'other' ? ['leak', 'equipmentDefect', 'improperUse'] : ['highUsage', 'leak', 'equipmentDefect', 'improperUse'];
  return {
    formId: RESULT_FORM_ID,
    title: f('title', { orderNo: order.orderNo }),
    submitLabel: f('submit'),
    state: JSON.stringify({ orderNo: order.orderNo }),
    fields: [
      { ...select('outcome', opts('outcome', OUTCOMES[order.kind]), prefill, undefined, true), hint: f('outcome.hint', { order: `${order.orderNo} ${kindText(order)}` }) },
      ...kindFields(order, prefill),
      ...consumableFields(prefill),
      checkboxes('checks', checks, prefill),
      ...findingFields(prefill),
      text('reason', 'textarea', prefill, f('reason.hint')),
      text('note', 'textarea', prefill, order.kind === 'other' ? f('note.hintOther') : f('note.hint')),
    ],
  };
}
