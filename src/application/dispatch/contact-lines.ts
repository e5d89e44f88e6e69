import { DEFAULT_CHAT_POLICY, allows, personalFieldsFor, type ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import { t } from '../../templates.ts';
import type { ExtraLines } from './day-views.ts';
import type { AssignedOrder } from './ports.ts';
import type { OrderContactsReader } from './supervision-ports.ts';

const PERSONAL = ['customerName', 'customerNameKana', 'phone', 'customerNumber'] as const;

/** Whether the policy lets an assignee see any personal field in their own DMs (the default does not). */
export function revealsContacts(policy: ChatPrivacyPolicy): boolean {
  return PERSONAL.some((field) => allows(policy, field, 'assigneeDirect'));
}

/**
 * The contact lines of each order in its assignee's own day view, as far as the chat policy allows. Under the
 * default policy nothing personal is even read, so nothing can leak into a message.
 */
export async function contactLinesOf(
  deps: { privacy?: ChatPrivacyPolicy; contacts?: OrderContactsReader },
  orders: readonly AssignedOrder[],
): Promise<ExtraLines> {
  const policy = deps.privacy ?? DEFAULT_CHAT_POLICY;
  if (!deps.contacts || orders.length === 0 || !revealsContacts(policy)) return () => [];
  const contacts = await deps.contacts.contactsOf(orders.map((o) => o.orderNo));
  return (order) => {
    const contact = contacts.get(order.orderNo);
    if (!contact) return [];
    const shown = personalFieldsFor({ ...order, ...contact }, policy, 'assigneeDirect');
    return PERSONAL.flatMap((field) => (shown[field] ? [t(`dispatch.contact.${field}`, { value: shown[field] })] : []));
  };
}
