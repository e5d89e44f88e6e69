import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';
import { deliveryAdminOf } from '../../assembly/services/operations.ts';
import type { DeliveryState, DeliverySummary } from '../../application/chat/delivery-ports.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { t } from '../../templates.ts';

/** The target as platform ids only (a Teams reference is not shown): nothing personal. */
function targetText(d: DeliverySummary): string {
  if (d.target.kind === 'user') return d.target.userRef;
  return d.target.channelRef.startsWith('{') ? t('deliveries.recipient.channel') : d.target.channelRef;
}

function lineOf(d: DeliverySummary): string {
  const what = d.jobKey ?? d.logicalKey?.replace(/@.*$/, '').replace(/^[a-z]+:/, '');
  return (
    t('deliveries.cli.line', {
      id: d.id,
      state: t(`deliveries.state.${d.state}`),
      platform: d.platform,
      to: targetText(d),
      what: what ? t('deliveries.cli.what', { value: what }) : '',
      attempts: d.attempts,
      createdAt: tokyoDateTime(d.createdAt),
      next: d.state === 'pending' ? t('deliveries.cli.next', { at: tokyoDateTime(d.nextAttemptAt) }) : '',
      error: d.lastError && d.state !== 'sent' ? t('deliveries.cli.error', { reason: d.lastError }) : '',
    }) + (d.alertedAt && d.state === 'pending' ? t('deliveries.cli.alerted') : '')
  );
}

const jsonOf = (d: DeliverySummary) => ({
  id: d.id,
  state: d.state,
  platform: d.platform,
  target: targetText(d),
  jobKey: d.jobKey ?? null,
  attempts: d.attempts,
  createdAt: d.createdAt.toISOString(),
  nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
  expiresAt: d.expiresAt.toISOString(),
  alerted: d.alertedAt !== undefined,
  lastError: d.lastError ?? null,
  sentAt: d.sentAt?.toISOString() ?? null,
});

/** The outbox in `kaiheisen status`: pending (of which admins were told), given up or refused within a day, the oldest pending. */
export async function deliveryStatus(ctx: AppContext) {
  const b = await deliveryAdminOf(ctx).backlog(ctx.clock.now());
  const oldest = b.oldestPendingAt ? t('deliveries.status.oldest', { at: tokyoDateTime(b.oldestPendingAt) }) : '';
  return {
    line: t('deliveries.status.line', { pending: b.pending, stuck: b.stuck, failed: b.failed, refused: b.refused, oldest }),
    json: { ...b, oldestPendingAt: b.oldestPendingAt?.toISOString() ?? null },
  };
}

export async function listDeliveries(deps: CliDeps, opts: { state?: DeliveryState[]; limit?: number; json?: boolean }): Promise<void> {
  const ctx = await deps.context();
  const rows = await deliveryAdminOf(ctx).list({ states: opts.state, limit: opts.limit });
  if (opts.json) return deps.out(`${JSON.stringify(rows.map(jsonOf))}\n`);
  deps.out(`${rows.length === 0 ? t('deliveries.cli.none') : rows.map(lineOf).join('\n')}\n`);
}

export async function retryDelivery(deps: CliDeps, id: number, opts: OperatorOptions & { json?: boolean }): Promise<void> {
  const ctx = await deps.context();
  const actor = await requireOperator(deps, ctx, opts, 'retryDeliveries');
  const d = await deliveryAdminOf(ctx).retry(id, actor, ctx.clock.now());
  if (opts.json) return deps.out(`${JSON.stringify(jsonOf(d))}\n`);
  deps.out(`${t('deliveries.cli.retried', { id, until: tokyoDateTime(d.expiresAt) })}\n`);
}
