import { incidentTextRoutes } from '../../application/incidents/incident-routes.ts';
import { escalationDepsOf } from '../../assembly/services/escalation.ts';
import type { FeatureFactory } from '../feature.ts';

/**
 * 事故 typed as text (「事故 0032 …」「0032 事故 …」「…で事故がありました」), reported at once. Its own feature so that
 * it is tried before the results flow: an incident must never be read as a result, an answer or a memo. Its cards,
 * buttons, forms and reminders belong to the escalation feature.
 */
export const incidentReportsFeature: FeatureFactory = ({ ctx, chat, settings }) => {
  const deps = escalationDepsOf(ctx, chat.gateway, { ...ctx.config.escalation, ...settings.escalation });
  return { name: 'incident-reports', routes: [incidentTextRoutes(deps)] };
};
