import type { PersonActor } from '../../domain/access/actor.ts';
import { minutesOf, tokyoDate } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode, isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import { bureauContacts } from '../cases/bureau-contacts.ts';
import { deliverCase } from '../cases/case-delivery.ts';
import { nameLookup } from '../cases/case-text.ts';
import { resolveOrderRef } from '../cases/order-ref.ts';
import { sourceOf } from '../cases/ports.ts';
import { overtimeCard } from './overtime-card.ts';
import { overtimeCardContext, refreshOvertimeCards } from './overtime-delivery.ts';
import { OVERTIME_REMIND, overtimeRemindKey, type OvertimeDeps, type OvertimeRecord } from './overtime-record.ts';
import { timerSpec } from '../timers/timer-kinds.ts';

export interface RequestOvertimeInput {
  actor: PersonActor;
  orderRefs: string[];
  reason: string;
  until: string;
  /** The inbound chat event (the form) asking it: its replay (a crash before it was marked done) asks nothing again. */
  eventId?: number;
}

export const DEFAULT_OVERTIME_REMIND_MINUTES = 15;
/** How many times the bureau is reminded at most, as the daily report's approval is (DEFAULT_DAY_END_SETTINGS). */
export const DEFAULT_OVERTIME_MAX_REMINDERS = 3;

function checkUntil(deps: OvertimeDeps, until: string): string {
  const value = until.normalize('NFKC').trim().replace('：', ':');
  const end = deps.calendar.businessEnd;
  let ok = false;
  try {
    ok = minutesOf(value) > minutesOf(end);
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError(ErrorCode.InvalidInput, t('escalation.overtime.badUntil', { end, value: until }));
  return value.padStart(5, '0');
}

async function resolveOrders(deps: OvertimeDeps, refs: string[], personId: string): Promise<string[]> {
  if (refs.length === 0) throw new AppError(ErrorCode.InvalidInput, t('escalation.overtime.noOrders'));
  const found: string[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    try {
      found.push((await resolveOrderRef(deps, ref, personId)).orderNo);
    } catch (e) {
      if (!isAppError(e)) throw e;
      unknown.push(ref);
    }
  }
  if (unknown.length > 0) throw new AppError(ErrorCode.NotFound, t('escalation.overtime.unknownOrders', { refs: unknown.join('、') }));
  return [...new Set(found)];
}

/** The bureau contacts get the card (those reached are recorded once), the supervisor's own card follows. */
async function sendToBureau(deps: OvertimeDeps, request: OvertimeRecord, contacts: string[]): Promise<void> {
  const ctx = await overtimeCardContext(deps, request);
  const reached = await deliverCase(deps, 'overtime', request.id, contacts.map((personId) => ({ personId, view: overtimeCard(request, personId, ctx) })));
  const recipients = reached.filter((id) => !request.notified.includes(id));
  if (recipients.length > 0) await deps.log.append('overtime', request.id, deps.clock.now(), [{ action: 'notified', actorId: null, detail: { recipients } }]);
  await refreshOvertimeCards(deps, request, [request.requestedById]);
}

/** The request an inbound chat event asked before a crash (the event is replayed), if any. */
export async function requestedBy(deps: OvertimeDeps, eventId: number | undefined): Promise<OvertimeRecord | undefined> {
  return eventId === undefined ? undefined : deps.overtime.bySourceEvent(eventId);
}

/** The bureau contacts get the card; the supervisor is told whom it went to. */
async function announceRequest(deps: OvertimeDeps, request: OvertimeRecord): Promise<string> {
  const people = await deps.directory.people();
  const contacts = await bureauContacts(deps.directory, people);
  await sendToBureau(deps, request, contacts);
  return t('escalation.overtime.requested', { id: request.id, names: contacts.map(nameLookup(people)).join('、') });
}

/**
 * 時間外作業の了承依頼 (spec 2(3)): the day's supervisor asks which orders, why and until when; the bureau contacts
 * get a card with 承認 / 却下, and a durable timer reminds them while nobody answers. The replay of the form that
 * asked it asks nothing and starts no timer: the cards go out again (the outbox drops those delivered already) and
 * the supervisor gets the same answer.
 */
export async function requestOvertime(deps: OvertimeDeps, input: RequestOvertimeInput): Promise<string> {
  const before = await requestedBy(deps, input.eventId);
  if (before) {
    deps.logger.info('replayed event: overtime requested before, told again', { requestId: before.id, eventId: input.eventId });
    return announceRequest(deps, before);
  }
  const now = deps.clock.now();
  const date = tokyoDate(now);
  if (!(await deps.directory.supervisorsOn(date)).includes(input.actor.actorId)) {
    throw new AppError(ErrorCode.Forbidden, t('escalation.overtime.onlySupervisor'));
  }
  const reason = input.reason.trim();
  if (!reason) throw new AppError(ErrorCode.InvalidInput, t('escalation.overtime.reasonRequired'));
  const until = checkUntil(deps, input.until);
  const orderNos = await resolveOrders(deps, input.orderRefs, input.actor.actorId);
  const people = await deps.directory.people();
  const contacts = await bureauContacts(deps.directory, people);
  if (contacts.length === 0) throw new AppError(ErrorCode.InvalidInput, t('escalation.overtime.noBureauContact'));
  const minutes = deps.overtimeRemindMinutes ?? DEFAULT_OVERTIME_REMIND_MINUTES;
  const asked = { date, requestedById: input.actor.actorId, orderNos, reason, until, createdAt: now, sourceEventId: input.eventId ?? null };
  const request = await deps.overtime.create(asked, (created) => ({
    effects: {
      events: [{ action: 'requested', actorId: input.actor.actorId, detail: { orderNos, reason, until } }],
      audit: { action: 'overtime.request', actorId: input.actor.actorId, channel: input.actor.channel, after: { id: created.id, orderNos, until } },
      schedule: [timerSpec(OVERTIME_REMIND, new Date(now.getTime() + minutes * 60_000), { requestId: created.id, round: 1 }, overtimeRemindKey(created.id, 1))],
      ...sourceOf(input.eventId),
    },
    result: undefined,
  }));
  deps.logger.info('overtime requested', { requestId: request.id, orders: orderNos.length, until });
  return announceRequest(deps, request);
}
