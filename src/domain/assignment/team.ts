import type { DayStaffing } from '../staffing/day-staffing.ts';
import { blocksDispatch, type IdCardState } from '../staffing/id-card.ts';

/** Someone on duty who gets no orders, and why (the supervisor is told). */
export interface LeftOut {
  personId: string;
  cardState: IdCardState;
}

export interface Team {
  workers: string[];
  supervisorFallback: boolean; // nobody but supervisors could take orders: they got them
  leftOut: LeftOut[];
}

/**
 * Who receives the day's orders: the workers on duty whose ID card lets them work (spec 9(3)). The supervisor
 * (業務責任者) stays at the bureau office (spec 10(2)), so supervisors take orders only when asked, or when nobody
 * else can.
 */
export function selectTeam(staffing: DayStaffing, includeSupervisors: boolean, cardStateOf: (personId: string) => IdCardState): Team {
  const onDuty = [...staffing.onDuty].sort();
  const leftOut = onDuty.filter((id) => blocksDispatch(cardStateOf(id))).map((personId) => ({ personId, cardState: cardStateOf(personId) }));
  const able = onDuty.filter((id) => !leftOut.some((l) => l.personId === id));
  const field = able.filter((id) => !staffing.supervisors.includes(id));
  if (includeSupervisors) return { workers: able, supervisorFallback: false, leftOut };
  if (field.length > 0) return { workers: field, supervisorFallback: false, leftOut };
  return { workers: able, supervisorFallback: able.length > 0, leftOut };
}
