import type { Audience } from '../../domain/privacy/chat-policy.ts';
import { maskPersonalData } from '../../domain/privacy/personal-text.ts';
import { maskLabels } from '../privacy/mask-labels.ts';
import { showTextFor, type ShowText } from '../privacy/show-text.ts';
import type { ResultsDeps } from './ports.ts';

export type { ShowText };

/** Masks every phone number and customer number; for texts whose order's customer is not at hand. */
export const maskAnyPersonal: ShowText = (text) => maskPersonalData(text, [], maskLabels());

/**
 * The free text of an order's result as the audience may see it under the chat privacy policy: phone numbers,
 * customer numbers and the order's customer name are masked unless the policy lets that audience see them.
 */
export async function freeTextFor(deps: Pick<ResultsDeps, 'results' | 'privacy'>, orderNo: string, audience: Audience): Promise<ShowText> {
  const customer = await deps.results.customerOf(orderNo);
  return showTextFor(customer ? [customer] : [], audience, deps.privacy);
}
