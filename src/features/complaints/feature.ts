import { mountComplaintWebhook } from '../../adapters/http/complaint-webhook.ts';
import { complaintRoutes } from '../../application/complaints/complaint-routes.ts';
import { complaintTimerHandlers, complaintWaits } from '../../application/complaints/complaint-timers.ts';
import { complaintDepsOf, complaintWebhookDepsOf } from '../../assembly/services/complaints.ts';
import type { FeatureFactory } from '../feature.ts';

/**
 * 断水等の苦情 (no-water complaints): taken in the bureau channel (「苦情 …」) or on POST /webhooks/complaints (when
 * COMPLAINT_WEBHOOK_SECRET is set), then the after-hours roster is paged in order until someone acknowledges.
 */
export const complaintsFeature: FeatureFactory = ({ ctx, chat }) => {
  const deps = complaintDepsOf(ctx, chat);
  const secret = ctx.config.complaints.webhookSecret;
  return {
    name: 'complaints',
    routes: [complaintRoutes(deps)],
    timers: complaintTimerHandlers(deps),
    waits: complaintWaits(deps.policy),
    ...(secret ? { http: (server) => mountComplaintWebhook(server, complaintWebhookDepsOf(ctx, deps, secret)) } : {}),
  };
};
