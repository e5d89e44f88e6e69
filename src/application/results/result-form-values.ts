import type { ResultDraft } from '../../domain/results/result-draft.ts';
import type { MeterWork } from '../../domain/work-order/task-kind.ts';
import { consumableValues } from './consumable-fields.ts';
import type { ResultOrderInfo } from './ports.ts';
import type { FormValues } from './result-form.ts';

const METER_CHOICE_OF: Record<MeterWork, string> = { replace: 'replaced', install: 'installed', remove: 'removed' };

/** Text of a value, or nothing (an empty field). */
const textOf = (value: string | number | null | undefined): string | undefined =>
  value === null || value === undefined || String(value).trim() === '' ? undefined : String(value);
const yesNoOf = (value: boolean | null | undefined): string | undefined => (value === true ? 'yes' : value === false ? 'no' : undefined);
const ticked = (pairs: [boolean | null | undefined, string][]): string[] => pairs.filter(([on]) => on === true).map(([, id]) => id);

/** The meter choice as read-result-form.ts reads it back: the work done, a different meter (検満), or as on record. */
function meterValues(draft: ResultDraft): FormValues {
  const choice = draft.meterWorkDone ? METER_CHOICE_OF[draft.meterWorkDone] : draft.meterDiffersFromRecord === true ? 'differs' : 'same';
  return { meter: choice, meterNumber: textOf(draft.meterNumber), meterDiameter: textOf(draft.meterDiameterMm) };
}

function pilotValues(draft: ResultDraft): FormValues {
  if (draft.pilotChecked !== true) return {};
  const actions = ticked([[draft.valveClosedForPilot, 'valveClosed'], [draft.noticeSlipLeft, 'noticeSlip'], [draft.phoneContacted, 'phoned']]);
  return { pilot: draft.pilotStillTurning ? 'turning' : 'stopped', pilotActions: actions, phoneOutcome: textOf(draft.phoneContactOutcome) };
}

function kindValues(order: ResultOrderInfo, draft: ResultDraft): FormValues {
  const tap = textOf(draft.outdoorTap);
  switch (order.kind) {
    case 'open':
      return { readingNote: textOf(draft.readingDifferenceNote), ...meterValues(draft), outdoorTap: tap, ...pilotValues(draft) };
    case 'close': {
      const work = ticked([[draft.customerConsent, 'consent'], [draft.valvePinReplaced, 'valvePin'], [draft.sealFitted, 'seal'], [draft.noticeSlipLeft, 'noticeSlip']]);
      return { work, ...meterValues(draft), outdoorTap: tap };
    }
    case 'transfer': {
      const valve = draft.valveFoundClosed === true ? 'foundClosed' : draft.valveFoundClosed === false ? 'open' : undefined;
      return { valve, ...meterValues(draft), ...pilotValues(draft) };
    }
    case 'other':
      return {};
  }
}

/**
 * A recorded result as the values of its order's result form (result-form.ts): the reverse of read-result-form.ts,
 * so that reading the values back gives the same result. The reading is filled in both fields (指針, 指針(確認)): a
 * changed reading must be typed in both, as on a new result. A usage flagged far above the previous one was confirmed
 * when it was recorded, so its check is ticked. Empty fields are left out.
 */
export function resultFormValuesOf(order: ResultOrderInfo, draft: ResultDraft): FormValues {
  const reading = textOf(draft.reading);
  const checks = ticked([
    [order.kind === 'other' ? false : draft.usageFarAbovePrevious, 'highUsage'],
    [draft.leakSuspected, 'leak'],
    [draft.equipmentDefect, 'equipmentDefect'],
    [draft.improperUse, 'improperUse'],
  ]);
  const recorded = draft.outcome !== 'not_done' && draft.outcome ? kindValues(order, draft) : {};
  const values: FormValues = {
    outcome: textOf(draft.outcome),
    reading,
    reading2: reading,
    ...recorded,
    ...(draft.outcome !== 'not_done' && draft.outcome ? consumableValues(draft) : {}),
    checks,
    toldUser: yesNoOf(draft.customerToldOfDefect),
    filingNotified: yesNoOf(draft.improperUseNotified),
    reason: textOf(draft.notDoneReason),
    note: textOf(draft.note),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}
