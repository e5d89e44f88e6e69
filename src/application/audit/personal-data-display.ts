import type { AuditRowWriter } from './ports.ts';

export const PERSONAL_DATA_DISPLAYED = 'personalData.displayed';

export interface PersonalDataDisplay {
  actorId: string | null;
  channel: string;
  /** Model whose personal data was shown, e.g. Person or WorkOrder. */
  entity: string;
  /** The record, or a description of the set (e.g. "staffing:2026-03-27"). */
  entityId: string | null;
  /** Field names shown (never their values). */
  fields: readonly string[];
  at?: Date;
  /** How many records were shown, when it is a list. */
  count?: number;
}

/**
 * Records that personal data was shown or handed out (security annex art. 21-2, 22-4): who, through
 * which channel, which record and which fields. Call it in the transaction of the use case that
 * shows the data, e.g. a staff list with phone numbers or a report printed with them.
 */
export async function auditPersonalDataDisplay(tx: AuditRowWriter, display: PersonalDataDisplay): Promise<void> {
  const after = { fields: [...display.fields], ...(display.count === undefined ? {} : { count: display.count }) };
  await tx.auditLog.create({
    data: {
      ...(display.at ? { at: display.at } : {}),
      actorId: display.actorId,
      channel: display.channel,
      action: PERSONAL_DATA_DISPLAYED,
      entity: display.entity,
      entityId: display.entityId,
      after: JSON.stringify(after),
    },
  });
}
