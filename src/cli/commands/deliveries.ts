import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';
import { deliveryAdminOf } from '../../assembly/services/operations.ts';
import type { DeliveryState, DeliverySummary } from '../../application/chat/delivery-ports.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { t, templateText } from '../../templates.ts';

const STATES: readonly DeliveryState[] = ['pending', 'failed', 'sent', 'dropped'];

const statesArg = (value: string): DeliveryState[] => {
  const wanted = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.includes('all')) return [...STATES];
  const bad = wanted.find((s) => !STATES.includes(s as DeliveryState));
  if (bad !== undefined || wanted.length === 0) throw new InvalidArgumentError(t('deliveries.cli.badState', { value: bad ?? value }));
  return wanted as DeliveryState[];
};

const positive = (key: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(templateText(key, { value }));
  return n;
};

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

/** `kaiheisen deliveries list|retry`: the outbox as an operator sees and clears it. */
export function register(program: Command, deps: CliDeps): void {
  const deliveries = program.command('deliveries').description(t('deliveries.cli.description'));
  deliveries
    .command('list')
    .description(t('deliveries.cli.listDescription'))
    .option('--state <states>', t('deliveries.cli.stateOption'), statesArg)
    .option('--limit <n>', t('deliveries.cli.limitOption'), positive('deliveries.cli.badLimit'))
    .option('--json', 'JSON で出力する')
    .action(async (opts: { state?: DeliveryState[]; limit?: number; json?: boolean }) => {
      const ctx = await deps.context();
      const rows = await deliveryAdminOf(ctx).list({ states: opts.state, limit: opts.limit });
      if (opts.json) return deps.out(`${JSON.stringify(rows.map(jsonOf))}\n`);
      deps.out(`${rows.length === 0 ? t('deliveries.cli.none') : rows.map(lineOf).join('\n')}\n`);
    });
  deliveries
    .command('retry')
    .description(t('deliveries.cli.retryDescription'))
    .argument('<id>', '配信 ID (deliveries list の #番号)', positive('deliveries.cli.badId'))
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .option('--json', 'JSON で出力する')
    .action(async (id: number, opts: OperatorOptions & { json?: boolean }) => {
      const ctx = await deps.context();
      const actor = await requireOperator(deps, ctx, opts, 'retryDeliveries');
      const d = await deliveryAdminOf(ctx).retry(id, actor, ctx.clock.now());
      if (opts.json) return deps.out(`${JSON.stringify(jsonOf(d))}\n`);
      deps.out(`${t('deliveries.cli.retried', { id, until: tokyoDateTime(d.expiresAt) })}\n`);
    });
}
