import { maskPersonalData, type KnownCustomer } from '../../domain/privacy/personal-text.ts';
import { maskLabels } from '../../application/privacy/mask-labels.ts';
import type { Tx } from './database.ts';

/** What a free-text row may say of its order's customer (read only to find it in the text, never passed on). */
export const CUSTOMER_SELECT = { customerName: true, customerNameKana: true, customerNumber: true } as const;

/** The order's customer, to find (and mask) in a free text about it; undefined for an unknown order number. */
export async function customerOfOrder(client: Pick<Tx, 'workOrder'>, orderNo: string): Promise<KnownCustomer | undefined> {
  return (await client.workOrder.findUnique({ where: { orderNo }, select: CUSTOMER_SELECT })) ?? undefined;
}

export type Masker = {
  (text: string, own?: KnownCustomer | null): string;
  (text: string | null, own?: KnownCustomer | null): string | null;
};

/**
 * Masks personal data in free text loaded for a report (PDF, Report.content): phone numbers and customer numbers
 * anywhere, and the names and numbers of the given customers (the day's or month's orders) and of the text's own order.
 */
export function reportMasker(customers: readonly KnownCustomer[]): Masker {
  const labels = maskLabels();
  return ((text: string | null, own?: KnownCustomer | null) =>
    text === null ? null : maskPersonalData(text, own ? [own, ...customers] : customers, labels)) as Masker;
}
