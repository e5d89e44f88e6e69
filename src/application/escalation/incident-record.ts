import type { CaseStore, NewAttachment } from './ports.ts';

export interface IncidentAckRow {
  personId: string;
  notifiedAt: Date;
  acknowledgedAt: Date | null;
}

export interface IncidentRecord {
  id: number;
  reportedById: string;
  orderNo: string | null;
  description: string;
  place: string | null;
  thirdPartyDamage: boolean | null;
  state: 'open' | 'resolved';
  occurredAt: Date;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolution: string | null;
  /** Who was notified and when, who acknowledged and when (in notification order). */
  acks: IncidentAckRow[];
  attachmentCount: number;
  /** The inbound chat event that reported it (null: not from chat). */
  sourceEventId?: number | null;
  /** Inbound chat events whose changes the incident holds (its CaseEvents carry them). */
  sourceEvents?: number[];
}

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
}

export interface IncidentPatch {
  state?: 'open' | 'resolved';
  resolvedAt?: Date;
  resolvedById?: string;
  resolution?: string;
  acknowledge?: { personId: string; at: Date };
}

export type IncidentStore = CaseStore<IncidentRecord, NewIncident, IncidentPatch>;

export const INCIDENT_REMIND = 'incident.remind';
export const incidentRemindKey = (id: number, round: number) => `incident:${id}:remind:${round}`;
export const incidentPrefix = (id: number) => `incident:${id}:`;
export const incidentCardKey = (id: number) => `incident:${id}`;
export const missingAcks = (incident: IncidentRecord) => incident.acks.filter((a) => !a.acknowledgedAt).map((a) => a.personId);
