import type { ConsoleDelivery } from '../../adapters/console/console-adapter.ts';
import { allows, type ChatPrivacyPolicy, type OrderFieldClass } from '../../domain/privacy/chat-policy.ts';
import type { MonthPlan, PlannedOrder } from './plan.ts';

/** The generator's personal values have fixed shapes: found by pattern, then looked up (fast over a month). */
const PATTERNS: { field: OrderFieldClass; regex: RegExp; of: (o: PlannedOrder) => string }[] = [
  { field: 'customerName', regex: /\S{2} \S{1,2}\d{4}/g, of: (o) => o.name },
  { field: 'phone', regex: /090-\d{4}-\d{4}/g, of: (o) => o.phone },
  { field: 'customerNumber', regex: /77\d{8}/g, of: (o) => o.customerNo },
  { field: 'address', regex: /石川県金沢市\S+?\d丁目\d+-\d/g, of: (o) => o.address },
];

export interface Leak {
  to: string;
  field: OrderFieldClass;
  value: string;
}

/**
 * Every delivered message against the policy: a channel sees no personal value; a person's direct messages only the
 * values the policy gives the assignee, and only of orders assigned to that person (any day).
 */
export function privacyLeaks(transcript: readonly ConsoleDelivery[], plan: MonthPlan, policy: ChatPrivacyPolicy, assignees: Map<string, Set<string>>): Leak[] {
  const orders = plan.days.flatMap((d) => d.orders);
  const owners = PATTERNS.map((p) => {
    const byValue = new Map<string, string[]>();
    for (const o of orders) byValue.set(p.of(o), [...(byValue.get(p.of(o)) ?? []), o.orderNo]);
    return byValue;
  });
  const leaks: Leak[] = [];
  for (const d of transcript) {
    const person = d.target.kind === 'user' ? d.target.userRef : null;
    const to = d.target.kind === 'user' ? d.target.userRef : `#${d.target.channelRef}`;
    PATTERNS.forEach((p, i) => {
      for (const m of d.text.matchAll(p.regex)) {
        const orderNos = owners[i]!.get(m[0]);
        if (!orderNos) continue;
        const allowed = person !== null && allows(policy, p.field, 'assigneeDirect') && orderNos.some((no) => assignees.get(no)?.has(person));
        if (!allowed) leaks.push({ to, field: p.field, value: m[0] });
      }
    });
  }
  return leaks;
}
