import { minutesOf, tokyoDate, tokyoInstant, tokyoMinutes } from '../calendar/local-time.ts';

export type OvertimeState = 'pending' | 'approved' | 'declined';

/** 時間外作業の了承依頼 (spec 2(3)): which orders, why, until when; the bureau's decision. */
export interface OvertimeRecord {
  id: number;
  date: string;
  requestedById: string;
  orderNos: string[];
  reason: string;
  until: string; // HH:MM, Asia/Tokyo, on `date`
  state: OvertimeState;
  decidedById: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  /** Everyone who was sent the request's card (its 'notified' events). */
  notified: string[];
  /** The inbound chat event (the request form) that asked it (null: not from chat). */
  sourceEventId?: number | null;
  /** Inbound chat events whose changes the request holds (its CaseEvents carry them). */
  sourceEvents?: number[];
}

export interface OvertimePatch {
  state?: OvertimeState;
  decidedById?: string;
  decidedAt?: Date;
}

export type OvertimeRefusal = { reason: 'alreadyDecided'; by: string | null; state: OvertimeState };

/** The bureau's 了承 or not, once: a request already decided is refused, naming who decided it and how. */
export function decideOvertime(request: OvertimeRecord, personId: string, approve: boolean, now: Date): { ok: true; change: OvertimePatch } | { ok: false; refusal: OvertimeRefusal } {
  if (request.state !== 'pending') return { ok: false, refusal: { reason: 'alreadyDecided', by: request.decidedById, state: request.state } };
  return { ok: true, change: { state: approve ? 'approved' : 'declined', decidedById: personId, decidedAt: now } };
}

/** True when an approved request covers the order at that instant: decided before it, from business end to `until`. */
export function covers(request: OvertimeRecord, orderNo: string, at: Date, businessEnd: string, workDay: boolean): boolean {
  if (request.state !== 'approved' || !request.decidedAt || request.decidedAt.getTime() > at.getTime()) return false;
  if (!request.orderNos.includes(orderNo) || request.date !== tokyoDate(at)) return false;
  const minutes = tokyoMinutes(at);
  return minutes <= minutesOf(request.until) && (!workDay || minutes >= minutesOf(businessEnd));
}

/**
 * The day's overtime still running at an instant: requests approved, or pending (the bureau may still say yes), whose
 * `until` is later. Their orders stay with their workers (no carry-over) and the day's report waits for `endsAt`.
 */
export function overtimeRunning(requests: readonly OvertimeRecord[], date: string, now: Date): { orderNos: string[]; endsAt: Date } | null {
  const live = requests.filter((r) => r.date === date && (r.state === 'approved' || r.state === 'pending') && tokyoInstant(date, r.until).getTime() > now.getTime());
  if (live.length === 0) return null;
  const endsAt = new Date(Math.max(...live.map((r) => tokyoInstant(date, r.until).getTime())));
  return { orderNos: [...new Set(live.flatMap((r) => r.orderNos))], endsAt };
}

/** Whether the day had overtime past its business end (any state): its report may have waited for it. */
export function hadOvertimePast(requests: readonly OvertimeRecord[], date: string, businessEnd: string): boolean {
  return requests.some((r) => r.date === date && minutesOf(r.until) > minutesOf(businessEnd));
}
