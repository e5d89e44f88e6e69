import { deliverCase, uniq } from '../cases/case-delivery.ts';
import { customersOf, nameLookup } from '../cases/case-text.ts';
import type { CaseOrder } from '../cases/ports.ts';
import { overtimeCard, type OvertimeCardContext } from './overtime-card.ts';
import type { OvertimeDeps, OvertimeRecord } from './overtime-record.ts';

export async function overtimeCardContext(deps: OvertimeDeps, request: OvertimeRecord): Promise<OvertimeCardContext> {
  const people = await deps.directory.people();
  const orders = new Map<string, CaseOrder>();
  for (const no of request.orderNos) {
    const order = await deps.orders.byNo(no);
    if (order) orders.set(no, order);
  }
  const customers = await customersOf(deps.orders, request.orderNos);
  return { nameOf: nameLookup(people), orders, privacy: deps.privacy, customers };
}

export const overtimeViewers = (request: OvertimeRecord) => uniq([...request.notified, request.requestedById]);

/** Re-renders the request's card for the bureau contacts and the supervisor (or `only` these), in place. */
export async function refreshOvertimeCards(deps: OvertimeDeps, request: OvertimeRecord, only?: string[]): Promise<string[]> {
  const ctx = await overtimeCardContext(deps, request);
  const to = only ?? overtimeViewers(request);
  return deliverCase(deps, 'overtime', request.id, to.map((personId) => ({ personId, view: overtimeCard(request, personId, ctx) })));
}
