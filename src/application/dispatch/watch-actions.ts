import { DEFAULT_CHAT_POLICY, allows } from '../../domain/privacy/chat-policy.ts';
import { t } from '../../templates.ts';
import type { AssignmentDeps } from '../assignment/ports.ts';
import { kindText } from './day-views.ts';
import { dropOrderFromDay } from './drop-order.ts';
import { japaneseDay } from './japanese-date.ts';
import { changeLines, type ChangeKind } from './order-change.ts';
import { placeNewOrder } from './place-new-order.ts';
import type { DayViewDeps, ImportChange, WatchedOrder } from './supervision-ports.ts';

/** What one tick has to tell: per worker (their day view is re-sent first), and to the day's supervisors. */
export interface WatchNotices {
  workers: Map<string, string[]>;
  supervisors: string[];
}

export interface WatchActionDeps extends DayViewDeps {
  assignment: AssignmentDeps;
}

function toWorker(notices: WatchNotices, personId: string, text: string): void {
  notices.workers.set(personId, [...(notices.workers.get(personId) ?? []), text]);
}

/**
 * Acts on one change of today: places an added order, drops a cancelled or moved one, and words what its worker
 * and the supervisors are told. The worker's own message shows the address (as the policy allows), the
 * supervisors' the town; never customer data.
 */
export async function actOnChange(
  deps: WatchActionDeps,
  decision: Exclude<ChangeKind, { kind: 'ignored' }>,
  change: ImportChange,
  order: WatchedOrder,
  date: string,
  notices: WatchNotices,
): Promise<void> {
  const policy = deps.privacy ?? DEFAULT_CHAT_POLICY;
  const place = allows(policy, 'address', 'assigneeDirect') ? order.address : order.town;
  const names = await deps.team.names();
  const nameOf = (id: string) => names.get(id) ?? id;
  const common = { orderNo: order.orderNo, kind: kindText(order), town: order.town };
  if (decision.kind === 'changed') {
    const lines = changeLines(change.changed, allows(policy, 'address', 'assigneeDirect'));
    toWorker(notices, decision.personId, [t('dispatch.watch.changed', common), ...lines, t('dispatch.watch.listUpdated')].join('\n'));
  } else if (decision.kind === 'removed') {
    const dropped = await dropOrderFromDay(deps.assignment, order.orderNo, date, decision.reason);
    if (!dropped) return;
    const params = { ...common, place, date: japaneseDay(decision.newDate) };
    const key = decision.reason === 'cancelled' ? 'cancelled' : 'moved';
    toWorker(notices, dropped.personId, t(`dispatch.watch.${key}`, params));
    notices.supervisors.push(t(`dispatch.watch.${key}Supervisor`, { ...params, name: nameOf(dropped.personId) }));
  } else {
    const outcome = await placeNewOrder(deps.assignment, order.orderNo, date);
    if (outcome.placed) {
      toWorker(notices, outcome.personId, t('dispatch.watch.added', { ...common, place, visit: outcome.visitOrder }));
      const km = outcome.addedKm === null ? t('dispatch.watch.kmUnknown') : String(outcome.addedKm);
      notices.supervisors.push(t('dispatch.watch.addedSupervisor', { ...common, name: nameOf(outcome.personId), visit: outcome.visitOrder, km }));
    } else if (outcome.reason !== 'notPlaceable') {
      notices.supervisors.push(t('dispatch.watch.unplaced', common));
    }
  }
}
