import { isIsoDate } from '../../domain/calendar/local-time.ts';
import type { ClaimedTimer, TimerSpec } from './ports.ts';

/**
 * Every kind of durable timer (a step that waits for a person: the next escalation level, a page, a reminder) and the
 * fields of its payload. A payload is written by `timerSpec` (checked by tsc) and read back by `timerHandler`
 * (checked at run time: a row that does not fit is given up and logged, never run on guessed values).
 */
const FIELD_KINDS = {
  /** A row id (positive integer). */
  id: (v: unknown) => (Number.isInteger(v) && (v as number) > 0 ? (v as number) : undefined),
  /** Any integer (a position that starts at -1). */
  int: (v: unknown) => (Number.isInteger(v) ? (v as number) : undefined),
  /** 1, 2, 3 …; absent in rows written before rounds were counted: 1. */
  round: (v: unknown) => (v === undefined ? 1 : Number.isInteger(v) && (v as number) >= 1 ? (v as number) : undefined),
  /** A date of the work calendar (YYYY-MM-DD). */
  date: (v: unknown) => (typeof v === 'string' && isIsoDate(v) ? v : undefined),
  /** An instant as milliseconds since the epoch. */
  instant: (v: unknown) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined),
  /** A positive duration in ms, or absent (the use case's default). */
  'ms?': (v: unknown) => (v === undefined ? null : Number.isInteger(v) && (v as number) > 0 ? (v as number) : undefined),
  /** Who holds a doubt being reminded about: the supervisor (ack) or the bureau; absent: ack. */
  phase: (v: unknown) => (v === undefined ? 'ack' : v === 'ack' || v === 'bureau' ? v : undefined),
  /** The notice a card refresh sends with it, or none. */
  notice: (v: unknown) => (v === undefined || v === null ? null : v === 'acknowledged' || v === 'resolved' ? v : undefined),
} as const;

type FieldKind = keyof typeof FIELD_KINDS;
type FieldType<F extends FieldKind> = Exclude<ReturnType<(typeof FIELD_KINDS)[F]>, undefined>;

export const TIMER_KINDS = {
  'doubt.escalate': { doubtId: 'id', level: 'int' },
  'doubt.remind': { doubtId: 'id', phase: 'phase', round: 'round' },
  'incident.remind': { incidentId: 'id', round: 'round', everyMs: 'ms?' },
  'overtime.remind': { requestId: 'id', round: 'round' },
  'complaint.page': { complaintId: 'id', round: 'int', position: 'int' },
  'complaint.notify': { complaintId: 'id' },
  'complaint.renotify': { complaintId: 'id', n: 'int' },
  'complaint.remind': { complaintId: 'id', ackAt: 'instant' },
  'complaint.repage': { complaintId: 'id', ackAt: 'instant' },
  'complaint.refresh': { complaintId: 'id', notice: 'notice' },
  'daily.remind': { date: 'date', round: 'round' },
} as const satisfies Record<string, Record<string, FieldKind>>;

export type TimerKind = keyof typeof TIMER_KINDS;
export type TimerPayload<K extends TimerKind> = { -readonly [F in keyof (typeof TIMER_KINDS)[K]]: FieldType<(typeof TIMER_KINDS)[K][F] & FieldKind> };
/** What a payload is written with: fields that may be absent may be left out. */
type PayloadInput<K extends TimerKind> = { [F in keyof TimerPayload<K>]: TimerPayload<K>[F] | undefined };

export class InvalidTimerPayload extends Error {
  constructor(kind: string, field: string) {
    super(`timer ${kind}: payload field '${field}' missing or invalid`);
    this.name = 'InvalidTimerPayload';
  }
}

/** A timer to schedule, its payload checked against its kind by tsc. */
export function timerSpec<K extends TimerKind>(kind: K, dueAt: Date, payload: PayloadInput<K>, dedupeKey?: string): TimerSpec {
  return { kind, dueAt, payload: payload as Record<string, unknown>, ...(dedupeKey !== undefined ? { dedupeKey } : {}) };
}

/** The payload of a claimed timer, checked field by field; InvalidTimerPayload when a field does not fit. */
export function readPayload<K extends TimerKind>(kind: K, raw: Record<string, unknown>): TimerPayload<K> {
  const out: Record<string, unknown> = {};
  for (const [field, fieldKind] of Object.entries(TIMER_KINDS[kind]) as [string, FieldKind][]) {
    const value = FIELD_KINDS[fieldKind](Object.hasOwn(raw, field) ? raw[field] : undefined);
    if (value === undefined) throw new InvalidTimerPayload(kind, field);
    out[field] = value;
  }
  return out as TimerPayload<K>;
}

export type TimerHandler = (timer: ClaimedTimer, now: Date) => Promise<void>;

/** The handler of one kind: runs `step` with the payload read and checked. */
export function timerHandler<K extends TimerKind>(kind: K, step: (payload: TimerPayload<K>, now: Date, timer: ClaimedTimer) => Promise<void>): TimerHandler {
  return (timer, now) => step(readPayload(kind, timer.payload), now, timer);
}
