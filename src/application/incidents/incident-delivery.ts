import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { deliverCase, uniq } from '../cases/case-delivery.ts';
import { customersOf, nameLookup } from '../cases/case-text.ts';
import { incidentCard, type IncidentCardContext } from './incident-card.ts';
import type { IncidentRecord, IncidentStore } from './incident-record.ts';
import type { CaseDeps } from '../cases/ports.ts';

export interface IncidentDeps extends CaseDeps {
  incidents: IncidentStore;
  /** Minutes between reminders to those who have not acknowledged (default: the chart's shortest ack timeout). */
  incidentRemindMinutes?: number;
  /** Reminders before the bot gives up and says so in the log (default 6). */
  incidentMaxReminders?: number;
}

export async function incidentCardContext(deps: IncidentDeps, incident: IncidentRecord): Promise<IncidentCardContext> {
  const [people, order, customers] = await Promise.all([
    deps.directory.people(),
    incident.orderNo ? deps.orders.byNo(incident.orderNo) : undefined,
    customersOf(deps.orders, [incident.orderNo], tokyoDate(incident.occurredAt)),
  ]);
  return { nameOf: nameLookup(people), order, privacy: deps.privacy, customers };
}

export const incidentViewers = (incident: IncidentRecord) => uniq([...incident.acks.map((a) => a.personId), incident.reportedById]);

/** Re-renders the incident's card for everyone notified and the reporter (or `only` these), in place. */
export async function refreshIncidentCards(deps: IncidentDeps, incident: IncidentRecord, only?: string[]): Promise<string[]> {
  const ctx = await incidentCardContext(deps, incident);
  const to = only ?? incidentViewers(incident);
  return deliverCase(deps, 'incident', incident.id, to.map((personId) => ({ personId, view: incidentCard(incident, personId, ctx) })));
}
