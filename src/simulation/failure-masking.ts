import type { AppContext } from '../assembly/context.ts';
import { maskLabels } from '../application/privacy/mask-labels.ts';
import { maskPersonalData, type KnownCustomer } from '../domain/privacy/personal-text.ts';
import { townOf } from '../domain/work-order/work-order.ts';
import { t } from '../templates.ts';

/** A received message as a failure quotes it: no personal value, the order number, kind and town kept. */
export type FailureMask = (text: string) => string;

export interface MaskedOrder extends KnownCustomer {
  address: string;
  town: string;
  phone?: string | null;
}

/**
 * A street address not among the known orders (a complaint's, typed by a person): prefecture or city, then a town and
 * its block numbers (石川県金沢市片町4丁目13-13, 金沢市広坂1-1-1).
 */
const ADDRESS = /(?:\p{Script=Han}{1,4}[都道府県])?\p{Script=Han}{1,6}[市郡](?:\p{Script=Han}{1,6}区)?[^\s、。,/()（）「」]*?[0-9０-９][0-9０-９\-－‐ー−丁目番地号の]*/gu;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Masks what a failure message quotes (it goes to stderr, often appended to a log file): each known order's address
 * cut to its town, the customers' names, kana, numbers and phones masked as the logs and reports mask free text
 * (personal-text.ts), and any other address-shaped text cut to its town.
 */
export function failureMask(orders: readonly MaskedOrder[]): FailureMask {
  const labels = maskLabels();
  const byAddress = [...orders].filter((o) => o.address).sort((a, b) => b.address.length - a.address.length);
  const phones = orders.flatMap((o) => (o.phone ? [o.phone] : []));
  return (text) => {
    let out = text;
    for (const o of byAddress) out = out.split(o.address).join(t('simulate.maskedAddress', { town: o.town }));
    for (const phone of phones) out = out.replace(new RegExp(escape(phone), 'g'), labels.phone);
    out = out.replace(ADDRESS, (address) => t('simulate.maskedAddress', { town: townOf(address) }));
    return maskPersonalData(out, orders, labels);
  };
}

/** The mask of a simulated day: every order of its database is known (read once, when a failure is quoted). */
export async function failureMaskOf(ctx: AppContext): Promise<FailureMask> {
  const orders = await ctx.db.read.workOrder.findMany({
    select: { customerName: true, customerNameKana: true, customerNumber: true, phone: true, address: true, town: true },
  });
  return failureMask(orders);
}
