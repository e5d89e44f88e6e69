/**
 * An incident (事故等: damage, injury, a third party involved): everyone on the incident chart is notified at once and
 * each acknowledges; it stays open until someone resolves it with what was done.
 */
import type { TerminalKind } from './terminal-text.ts';

/** accident: 事故等; terminalDamaged / terminalLost: a work terminal damaged or lost (spec 6(3)). */
export type IncidentKind = 'accident' | 'terminalDamaged' | 'terminalLost';

/** What a terminal case says about the terminal (null: not said). */
export interface TerminalFacts {
  terminal: TerminalKind | null;
  customerData: boolean | null;
  locked: boolean | null;
}

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
  /** Absent: accident. */
  kind?: IncidentKind;
  /** For a terminal case: which terminal, customer data, locked. */
  terminalFacts?: TerminalFacts;
  /** Inbound chat events whose changes the incident holds (its CaseEvents carry them). */
  sourceEvents?: number[];
}

export interface IncidentPatch {
  state?: 'open' | 'resolved';
  resolvedAt?: Date;
  resolvedById?: string;
  resolution?: string;
  acknowledge?: { personId: string; at: Date };
}

export const missingAcks = (incident: IncidentRecord) => incident.acks.filter((a) => !a.acknowledgedAt).map((a) => a.personId);

export type IncidentRefusal = { reason: 'notNotified' } | { reason: 'alreadyAcknowledged'; at: Date } | { reason: 'resolved' };
export type IncidentTransition = { ok: true; change: IncidentPatch; last?: boolean } | { ok: false; refusal: IncidentRefusal };

/** 受領 by one of those notified; `last`: nobody is left to acknowledge (the reminders stop). */
export function acknowledgeIncident(incident: IncidentRecord, personId: string, now: Date): IncidentTransition {
  const mine = incident.acks.find((a) => a.personId === personId);
  if (!mine) return { ok: false, refusal: { reason: 'notNotified' } };
  if (mine.acknowledgedAt) return { ok: false, refusal: { reason: 'alreadyAcknowledged', at: mine.acknowledgedAt } };
  return { ok: true, change: { acknowledge: { personId, at: now } }, last: missingAcks(incident).length === 1 };
}

/** 対応完了 with the resolution; a resolved incident stays as it was. */
export function resolveIncident(incident: IncidentRecord, personId: string, resolution: string, now: Date): IncidentTransition {
  if (incident.state === 'resolved') return { ok: false, refusal: { reason: 'resolved' } };
  return { ok: true, change: { state: 'resolved', resolvedAt: now, resolvedById: personId, resolution } };
}

export const isTerminalCase = (incident: { kind?: string }): boolean => incident.kind === 'terminalDamaged' || incident.kind === 'terminalLost';
