import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import { decideOvertime as decideRequest } from '../../domain/overtime/overtime.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import { deliverCase, uniq } from '../cases/case-delivery.ts';
import { nameLookup, type NameOf } from '../cases/case-text.ts';
import { appliedBy, sourceOf, type CaseChange } from '../cases/ports.ts';
import { stateText } from './overtime-card.ts';
import { refreshOvertimeCards } from './overtime-delivery.ts';
import { overtimePrefix, type OvertimeDeps, type OvertimePatch, type OvertimeRecord } from './overtime-record.ts';

function decide(actor: PersonActor, approve: boolean, nameOf: NameOf, now: Date, eventId: number | undefined) {
  return (request: OvertimeRecord): CaseChange<OvertimePatch, void> => {
    if (appliedBy(request, eventId)) return { result: undefined }; // this very press decided it before a crash
    const step = decideRequest(request, actor.actorId, approve, now);
    if (!step.ok) {
      const { by, state } = step.refusal;
      throw new AppError(ErrorCode.Conflict, t('escalation.overtime.alreadyDecided', { id: request.id, name: nameOf(by), decision: stateText(state) }));
    }
    const state = approve ? 'approved' : 'declined';
    return {
      patch: step.change,
      effects: {
        events: [{ action: state, actorId: actor.actorId }],
        audit: { action: `overtime.${approve ? 'approve' : 'decline'}`, actorId: actor.actorId, channel: actor.channel, before: { state: 'pending' }, after: { state } },
        cancelPrefixes: [overtimePrefix(request.id)],
        ...sourceOf(eventId),
      },
      result: undefined,
    };
  };
}

/** The workers who hold the request's orders: they are told the decision. */
async function workersOf(deps: OvertimeDeps, request: OvertimeRecord): Promise<string[]> {
  const assignees = await Promise.all(request.orderNos.map(async (no) => (await deps.orders.byNo(no))?.assigneeId));
  return uniq(assignees).filter((id) => id !== request.requestedById);
}

function declinedText(deps: OvertimeDeps, request: OvertimeRecord, orders: string, now: Date): string {
  const end = deps.calendar.businessEnd;
  const late = now >= tokyoInstant(request.date, end);
  return t(late ? 'escalation.overtime.decisionToWorkerDeclinedLate' : 'escalation.overtime.decisionToWorkerDeclined', { orders, end });
}

async function announce(deps: OvertimeDeps, request: OvertimeRecord, nameOf: NameOf, now: Date): Promise<void> {
  const decision = stateText(request.state);
  const key = `overtime:${request.id}:decision`;
  const toSupervisor = t('escalation.overtime.decisionToSupervisor', { id: request.id, name: nameOf(request.decidedById), decision });
  const orders = request.orderNos.join('、');
  const toWorkers =
    request.state === 'approved'
      ? t('escalation.overtime.decisionToWorker', { orders, until: request.until, decision })
      : declinedText(deps, request, orders, now);
  const workers = await workersOf(deps, request);
  await deliverCase(deps, 'overtime', request.id, [
    { personId: request.requestedById, view: plainView(toSupervisor, key) },
    ...workers.map((personId) => ({ personId, view: plainView(toWorkers, key) })),
  ]);
}

/**
 * 承認 / 却下 by a bureau person: recorded once (a second answer is refused with who answered), the cards show it,
 * the supervisor and the workers of those orders are told. The replay of the press (`eventId`) changes nothing and
 * answers as the first time.
 */
export async function decideOvertime(deps: OvertimeDeps, actor: PersonActor, requestId: number, approve: boolean, eventId?: number): Promise<string> {
  const people = await deps.directory.people();
  if (people.get(actor.actorId)?.affiliation !== 'bureau') throw new AppError(ErrorCode.Forbidden, t('escalation.overtime.onlyBureau'));
  const nameOf = nameLookup(people);
  const now = deps.clock.now();
  const out = await deps.overtime.change(requestId, now, decide(actor, approve, nameOf, now, eventId));
  if (!out) throw new AppError(ErrorCode.NotFound, t('escalation.overtime.notFound', { id: requestId }));
  deps.logger.info('overtime decided', { requestId, state: out.record.state });
  await refreshOvertimeCards(deps, out.record);
  await announce(deps, out.record, nameOf, now);
  return t('escalation.overtime.done', { id: requestId, decision: stateText(out.record.state) });
}
