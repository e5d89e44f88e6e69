import type { IncidentKind, IncidentPatch, IncidentRecord, TerminalFacts } from '../../domain/incidents/incident.ts';
import type { CaseStore, NewAttachment } from '../cases/ports.ts';

export { isTerminalCase, missingAcks, type IncidentKind, type TerminalFacts, type IncidentAckRow, type IncidentPatch, type IncidentRecord } from '../../domain/incidents/incident.ts';

export interface NewIncident {
  reportedById: string;
  orderNo: string | null;
  description: string;
  place: string | null;
  thirdPartyDamage: boolean | null;
  occurredAt: Date;
  /** Everyone on the incident chart: an IncidentAck row each, notified at occurredAt. */
  recipients: string[];
  attachments: NewAttachment[];
  /** The inbound chat event reporting it: an incident it reported before is returned instead of a new one. */
  sourceEventId?: number | null;
  /** Absent: accident. */
  kind?: IncidentKind;
  terminalFacts?: TerminalFacts;
}

export type IncidentStore = CaseStore<IncidentRecord, NewIncident, IncidentPatch>;

export const INCIDENT_REMIND = 'incident.remind';
export const incidentRemindKey = (id: number, round: number) => `incident:${id}:remind:${round}`;
export const incidentPrefix = (id: number) => `incident:${id}:`;
export const incidentCardKey = (id: number) => `incident:${id}`;
