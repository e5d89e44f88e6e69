/**
 * What of a work order may appear in chat, by audience (security annex art. 9(4): no personal information by
 * e-mail and the like). Names, kana, phone and customer number are personal; the address identifies a home, so by
 * default it goes only to the assigned worker's own direct messages, and channels see the town.
 */
export type Audience = 'assigneeDirect' | 'otherDirect' | 'channel';
export type OrderFieldClass = 'customerName' | 'customerNameKana' | 'phone' | 'customerNumber' | 'address';

export type ChatPrivacyPolicy = Record<OrderFieldClass, Audience[]>;

export const DEFAULT_CHAT_POLICY: ChatPrivacyPolicy = {
  customerName: [],
  customerNameKana: [],
  phone: [],
  customerNumber: [],
  address: ['assigneeDirect'],
};

/** For contractors whose bureau allows the assignee to see the phone number (e.g. for the pilot-check call). */
export const ASSIGNEE_CONTACT_POLICY: ChatPrivacyPolicy = {
  ...DEFAULT_CHAT_POLICY,
  customerName: ['assigneeDirect'],
  phone: ['assigneeDirect'],
};

export const CHAT_POLICIES = { default: DEFAULT_CHAT_POLICY, 'assignee-contact': ASSIGNEE_CONTACT_POLICY } as const;
export type ChatPolicyName = keyof typeof CHAT_POLICIES;

export function allows(policy: ChatPrivacyPolicy, field: OrderFieldClass, audience: Audience): boolean {
  return policy[field].includes(audience);
}

export interface OrderForChat {
  orderNo: string;
  address: string;
  town: string;
  customerName: string | null;
  customerNameKana: string | null;
  phone: string | null;
  customerNumber: string | null;
}

/** The location text an audience may see: the address where allowed, else the town. */
export function locationFor(order: OrderForChat, policy: ChatPrivacyPolicy, audience: Audience): string {
  return allows(policy, 'address', audience) ? order.address : order.town;
}

/** The personal fields an audience may see (empty under the default policy). */
export function personalFieldsFor(
  order: OrderForChat,
  policy: ChatPrivacyPolicy,
  audience: Audience,
): Partial<Pick<OrderForChat, 'customerName' | 'customerNameKana' | 'phone' | 'customerNumber'>> {
  const out: Partial<Pick<OrderForChat, 'customerName' | 'customerNameKana' | 'phone' | 'customerNumber'>> = {};
  for (const field of ['customerName', 'customerNameKana', 'phone', 'customerNumber'] as const) {
    const value = order[field];
    if (value && allows(policy, field, audience)) out[field] = value;
  }
  return out;
}
