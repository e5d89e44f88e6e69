import type { NameOf } from '../cases/case-text.ts';
import { nightOf } from '../../domain/complaints/complaint-night.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { getDayStaffing } from '../staffing/get-day-staffing.ts';
import type { TimerSpec } from '../timers/ports.ts';
import type { ComplaintDeps, ComplaintRecord, PageRecord } from './ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';

/** Durable timer kinds of complaints (one handler each, see complaint-timers.ts). */
export const COMPLAINT_TIMERS = {
  page: 'complaint.page',
  notify: 'complaint.notify',
  renotify: 'complaint.renotify',
  remind: 'complaint.remind',
  repage: 'complaint.repage',
  refresh: 'complaint.refresh',
} as const;

/** Every timer key of a complaint starts with this: acknowledging or resolving cancels them all at once. */
export const complaintPrefix = (id: number) => `complaint:${id}:`;
export const pageKey = (id: number, round: number, position: number) => `complaint:${id}:page:${round}:${position}`;
export const complaintCardKey = (id: number) => `complaint:${id}`;
/** The message of one page (a view key, not a timer key). */
export const pageMessageKey = (id: number, round: number, position: number) => `complaint:${id}:page:${round}:${position}`;
export const noticeKey = (id: number, what: string) => `complaint:${id}:notice:${what}`;

/** A paging step continuing from (round, position); the first step of a cycle is (round, -1). */
export function pageTimer(id: number, round: number, position: number, dueAt: Date, suffix = ''): TimerSpec {
  return timerSpec(COMPLAINT_TIMERS.page, dueAt, { complaintId: id, round, position }, `${pageKey(id, round, position)}${suffix}`);
}

/** A step that refreshes every card of the complaint and sends the notice of a change (if any). */
export function refreshTimer(id: number, notice: 'acknowledged' | 'resolved' | null, at: Date): TimerSpec {
  return timerSpec(COMPLAINT_TIMERS.refresh, at, { complaintId: id, notice }, `complaint:${id}:refresh:${at.getTime()}:${notice ?? 'cards'}`);
}

/** The first step of a new paging cycle: a round after every round paged so far, from the top of the roster. */
export function nextCycleRound(complaint: ComplaintRecord): number {
  return Math.max(0, ...complaint.pages.map((p) => p.round)) + 1;
}

export const lastPage = (complaint: ComplaintRecord): PageRecord | undefined => complaint.pages.at(-1);

export const nightAt = (deps: Pick<ComplaintDeps, 'calendar'>, at: Date) => nightOf(at, deps.calendar.businessStart);

/**
 * The supervisors who hear of a complaint: those of the day its night starts on, or, on a closed day, those of the
 * next work day (who take it over in the morning).
 */
export async function supervisorsFor(deps: Pick<ComplaintDeps, 'staff' | 'calendar'>, at: Date): Promise<string[]> {
  const night = nightAt(deps, at);
  const date = deps.calendar.isWorkDay(night) ? night : deps.calendar.nextWorkDay(night);
  return (await getDayStaffing({ staff: deps.staff, calendar: deps.calendar }, date)).supervisors;
}

export type People = Map<string, StaffPerson>;
export type { NameOf };

export async function peopleOf(deps: Pick<ComplaintDeps, 'staff'>): Promise<People> {
  return new Map((await deps.staff.listPeople()).map((p) => [p.id, p]));
}

export function nameLookup(people: People): NameOf {
  return (id) => (id ? (people.get(id)?.name ?? id) : t('complaint.nobody'));
}

/** Whether the complaint holds a change this inbound event decided (the event is replayed after a crash). */
export const appliedBy = (c: ComplaintRecord, eventId: number | undefined): boolean => eventId !== undefined && (c.sourceEvents ?? []).includes(eventId);

/** The part of a change that tags it with its inbound event (nothing outside the inbox). */
export const sourceOf = (eventId: number | undefined): { sourceEventId?: number } => (eventId === undefined ? {} : { sourceEventId: eventId });

/**
 * Who may act on a complaint: anyone it was sent to or paged, the worker of the linked order, anyone who can
 * supervise, an administrator. Bureau people report complaints; they do not take them.
 */
export function mayAct(complaint: ComplaintRecord, person: StaffPerson | undefined): boolean {
  if (!person?.active || person.affiliation !== 'contractor') return false;
  if (person.canSupervise || person.isAdmin) return true;
  if (complaint.order?.workerId === person.id || complaint.recipients.includes(person.id)) return true;
  return complaint.pages.some((p) => p.personId === person.id);
}

export async function requireActor(deps: Pick<ComplaintDeps, 'staff'>, complaint: ComplaintRecord, personId: string): Promise<People> {
  const people = await peopleOf(deps);
  const person = people.get(personId);
  if (!person) throw new AppError(ErrorCode.NotFound, t('complaint.unknownPerson', { id: personId }));
  if (!mayAct(complaint, person)) throw new AppError(ErrorCode.Forbidden, t('complaint.notAllowed', { id: complaint.id }));
  return people;
}
