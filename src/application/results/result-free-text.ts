import type { Audience } from '../../domain/privacy/chat-policy.ts';
import { maskPersonalData, personalTextFor } from '../../domain/privacy/personal-text.ts';
import { maskLabels } from '../privacy/mask-labels.ts';
import type { ResultsDeps } from './ports.ts';

/** A result's free text (note, 未実施 reason, phone call outcome) as one audience may see it. */
export type ShowText = (text: string) => string;

/** Masks every phone number and customer number; for texts whose order's customer is not at hand. */
export const maskAnyPersonal: ShowText = (text) => maskPersonalData(text, [], maskLabels());

/**
 * The free text of an order's result as the audience may see it under the chat privacy policy: phone numbers,
 * customer numbers and the order's customer name are masked unless the policy lets that audience see them.
 */
export async function freeTextFor(deps: Pick<ResultsDeps, 'results' | 'privacy'>, orderNo: string, audience: Audience): Promise<ShowText> {
  const customer = await deps.results.customerOf(orderNo);
  const known = customer ? [customer] : [];
  const labels = maskLabels();
  return (text) => personalTextFor(text, known, deps.privacy, audience, labels);
}
