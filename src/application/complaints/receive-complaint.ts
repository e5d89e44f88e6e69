import type { Actor } from '../../domain/access/actor.ts';
import { addDays, tokyoDate } from '../../domain/calendar/local-time.ts';
import { isComplaintKind, type ComplaintKind } from '../../domain/complaints/complaint-command.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t, templateText } from '../../templates.ts';
import type { TimerSpec } from '../timers/ports.ts';
import { runNow } from './complaint-delivery.ts';
import { COMPLAINT_TIMERS, nightAt, pageTimer, sourceOf } from './complaint-record.ts';
import { notifyComplaint, renotifyTimer } from './notify-complaint.ts';
import { runPageStep } from './run-paging.ts';
import { ReplayedDelivery, type ComplaintChange, type ComplaintDeps, type ComplaintRecord, type ComplaintVia, type LinkedOrder } from './ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';

export interface ReceiveComplaintInput {
  kind: string;
  address?: string | null;
  customerNumber?: string | null;
  description: string;
  via: ComplaintVia;
  actor: Actor;
  /** The sender's id for it (webhook): the same id again returns the complaint recorded first. */
  externalId?: string | null;
  inbound?: { platform: string; eventKey: string };
  /** The inbound chat event recording it (苦情 typed in chat): its replay after a crash records nothing again. */
  eventId?: number;
}

export interface ReceivedComplaint {
  complaint: ComplaintRecord;
  mode: 'notified' | 'paging';
  duplicate: boolean;
}

interface CheckedInput {
  kind: ComplaintKind;
  address: string | null;
  customerNumber: string | null;
  description: string;
  externalId: string | null;
}

const invalid = (key: string, params: Record<string, string | number> = {}) => new AppError(ErrorCode.InvalidInput, templateText(`complaint.invalid.${key}`, params));
const text = (v: string | null | undefined) => (v ?? '').normalize('NFKC').trim();

/** Refuses what cannot be recorded, before anything is written. */
export function checkComplaintInput(input: Pick<ReceiveComplaintInput, 'kind' | 'address' | 'customerNumber' | 'description' | 'externalId'>): CheckedInput {
  if (!isComplaintKind(input.kind)) throw invalid('kind', { value: String(input.kind) });
  const description = (input.description ?? '').trim();
  if (!description) throw invalid('description');
  if (description.length > 2000) throw invalid('tooLong', { field: t('complaint.field.description'), max: 2000 });
  const address = text(input.address) || null;
  if (address && address.length > 200) throw invalid('tooLong', { field: t('complaint.field.place'), max: 200 });
  const rawNumber = text(input.customerNumber).replace(/[-\s]/gu, '');
  if (rawNumber && !/^\d{4,20}$/u.test(rawNumber)) throw invalid('customerNumber');
  if (!address && !rawNumber) throw invalid('where');
  const externalId = text(input.externalId) || null;
  if (externalId && externalId.length > 100) throw invalid('tooLong', { field: 'externalId', max: 100 });
  return { kind: input.kind, address, customerNumber: rawNumber || null, description, externalId };
}

/** The first step of a complaint received at `at`: page the roster (after hours) or notify (business hours). */
const firstStep = (id: number, afterHours: boolean, at: Date): TimerSpec =>
  afterHours ? pageTimer(id, 1, -1, at) : timerSpec(COMPLAINT_TIMERS.notify, at, { complaintId: id }, `complaint:${id}:notify`);

function startChange(c: ComplaintRecord, deps: ComplaintDeps, actor: Actor, now: Date, afterHours: boolean, eventId?: number): ComplaintChange<void> {
  const first = firstStep(c.id, afterHours, now);
  const after = { id: c.id, kind: c.kind, via: c.via, orderNo: c.order?.orderNo ?? null, afterHours, hasAddress: !!c.address, hasCustomerNumber: c.hasCustomerNumber };
  return {
    patch: afterHours ? { state: 'paging', pagingNight: nightAt(deps, now) } : { state: 'open' },
    effects: {
      events: [{ action: 'received', actorId: actor.actorId, detail: { via: c.via, orderNo: c.order?.orderNo ?? null, afterHours } }],
      audit: { action: 'complaint.receive', actorId: actor.actorId, channel: actor.channel, after },
      schedule: afterHours ? [first] : [first, renotifyTimer(deps, c.id, 1, now)],
      ...sourceOf(eventId),
    },
    result: undefined,
  };
}

async function linkedOrder(deps: ComplaintDeps, input: CheckedInput, now: Date): Promise<LinkedOrder | undefined> {
  const today = tokyoDate(now);
  const query = { address: input.address, customerNumber: input.customerNumber, fromDate: addDays(today, -deps.policy.linkWindowDays), toDate: today };
  return deps.complaints.findRecentOpenOrder(query);
}

/** Recorded, with the first step still to run (none for a duplicate). */
export interface RecordedComplaint extends ReceivedComplaint {
  first: TimerSpec | null;
}

const duplicateOf = (seen: ComplaintRecord): RecordedComplaint => ({ complaint: seen, mode: seen.pagingNight ? 'paging' : 'notified', duplicate: true, first: null });

/**
 * The chat event that recorded the complaint is replayed after a crash: nothing is recorded again; its first step is
 * run now only when the crash came before it ran (its timer is still pending), as the first time would have.
 */
async function replayOf(deps: ComplaintDeps, c: ComplaintRecord, eventId: number): Promise<RecordedComplaint> {
  const first = firstStep(c.id, !deps.calendar.isBusinessTime(c.receivedAt), c.receivedAt);
  const pending = await deps.timers.isPending(first.dedupeKey!);
  deps.logger.info('replayed event: complaint recorded before, answered again', { complaintId: c.id, eventId, firstStepPending: pending });
  return { complaint: c, mode: first.kind === COMPLAINT_TIMERS.page ? 'paging' : 'notified', duplicate: false, first: pending ? first : null };
}

/**
 * Checks and records a complaint: linked to the recent 開栓 order of the address or customer number, written with its
 * event, audit row and first step (a durable timer) in one transaction. Nothing is written for what is refused. The
 * replay of the chat event that recorded it (a crash before it was marked done) records nothing and starts nothing
 * again: its first step, if the crash came before it ran, is the durable timer's.
 */
export async function recordComplaint(deps: ComplaintDeps, input: ReceiveComplaintInput): Promise<RecordedComplaint> {
  const replayed = input.eventId === undefined ? undefined : await deps.complaints.bySourceEvent(input.eventId);
  if (replayed) return replayOf(deps, replayed, input.eventId!);
  const checked = checkComplaintInput(input);
  const seen = checked.externalId ? await deps.complaints.byExternalId(checked.externalId) : undefined;
  if (seen) return duplicateOf(seen);
  const now = deps.clock.now();
  const afterHours = !deps.calendar.isBusinessTime(now);
  const order = await linkedOrder(deps, checked, now);
  try {
    const record = await deps.complaints.create(
      { ...checked, via: input.via, receivedAt: now, workOrderId: order?.id ?? null, ...(input.inbound ? { inbound: input.inbound } : {}), sourceEventId: input.eventId ?? null },
      (c) => startChange(c, deps, input.actor, now, afterHours, input.eventId),
    );
    deps.logger.info('complaint received', { complaintId: record.id, via: input.via, afterHours, linked: !!order });
    return { complaint: record, mode: afterHours ? 'paging' : 'notified', duplicate: false, first: firstStep(record.id, afterHours, now) };
  } catch (e) {
    // The same external id recorded a moment ago by a concurrent delivery: that one stands.
    const concurrent = checked.externalId && !(e instanceof ReplayedDelivery) ? await deps.complaints.byExternalId(checked.externalId) : undefined;
    if (!concurrent) throw e;
    return duplicateOf(concurrent);
  }
}

/**
 * Runs the first step now (in the bot; in the CLI the bot's timer runner does): in business hours the card goes to
 * the worker of the linked order and the supervisors; outside business hours or on a closed day the roster is paged.
 */
export async function startComplaint(deps: ComplaintDeps, recorded: RecordedComplaint): Promise<ReceivedComplaint> {
  const { first, complaint, mode, duplicate } = recorded;
  if (!first) return { complaint, mode, duplicate };
  await runNow(deps, first, () => (mode === 'paging' ? runPageStep(deps, complaint.id, { round: 1, position: -1 }, deps.clock.now()) : notifyComplaint(deps, complaint.id)));
  return { complaint: (await deps.complaints.get(complaint.id)) ?? complaint, mode, duplicate };
}

/** 苦情 (spec 13(4)): one entry for chat, webhook and CLI: recorded, then started. */
export async function receiveComplaint(deps: ComplaintDeps, input: ReceiveComplaintInput): Promise<ReceivedComplaint> {
  return startComplaint(deps, await recordComplaint(deps, input));
}
