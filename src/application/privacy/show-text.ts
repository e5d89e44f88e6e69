import { DEFAULT_CHAT_POLICY, type Audience, type ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import { personalTextFor, type KnownCustomer } from '../../domain/privacy/personal-text.ts';
import { maskLabels } from './mask-labels.ts';

/** A free text (doubt, incident, complaint, overtime reason, handover note) as one audience may see it. */
export type ShowText = (text: string) => string;

/**
 * Phone numbers, customer numbers and the named customers' names and numbers in a free text, masked unless the chat
 * privacy policy lets the audience see them (under the default policy nobody does).
 */
export function showTextFor(known: readonly KnownCustomer[], audience: Audience, policy: ChatPrivacyPolicy = DEFAULT_CHAT_POLICY): ShowText {
  const labels = maskLabels();
  return (text) => personalTextFor(text, known, policy, audience, labels);
}

/**
 * A person's direct messages as an audience of a free text: the person who wrote it and the assignee of the order it
 * is about see it as the assignee does; anybody else as another person.
 */
export function directAudience(viewerId: string, insiders: readonly (string | null | undefined)[]): Audience {
  return insiders.includes(viewerId) ? 'assigneeDirect' : 'otherDirect';
}
