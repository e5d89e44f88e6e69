import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { covers } from '../../domain/overtime/overtime.ts';
import type { OvertimeDeps } from './overtime-record.ts';

/** Whether a result recorded at an instant needed the bureau's consent, and the consent that covers it. */
export type ConsentCheck = { afterHours: false } | { afterHours: true; consentId: number | null };

/**
 * For the results flow (spec 2(3)): a result recorded outside business hours is accepted, but without a prior
 * consent covering its order it is flagged (TaskResult.afterHours = true, afterHoursConsentId = null).
 */
export function createConsentCheck(deps: Pick<OvertimeDeps, 'overtime' | 'calendar'>) {
  return async function consentFor(orderNo: string, at: Date): Promise<ConsentCheck> {
    if (deps.calendar.isBusinessTime(at)) return { afterHours: false };
    const date = tokyoDate(at);
    const requests = await deps.overtime.ofDay(date);
    const workDay = deps.calendar.isWorkDay(date);
    const consent = requests.find((r) => covers(r, orderNo, at, deps.calendar.businessEnd, workDay));
    return { afterHours: true, consentId: consent?.id ?? null };
  };
}

export type ConsentFor = ReturnType<typeof createConsentCheck>;
