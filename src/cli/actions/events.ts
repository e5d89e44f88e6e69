import type { CliDeps } from '../index.ts';
import { parkedEventsOf, type ParkedEventRow } from '../../assembly/services/operations.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { t } from '../../templates.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

const ERROR_SHOWN = 200;

function line(r: ParkedEventRow): string {
  return t('events.list.line', {
    id: r.id,
    receivedAt: tokyoDateTime(r.receivedAt),
    platform: r.platform,
    who: r.personId ?? t('events.list.unknownSender'),
    kind: r.kind,
    attempts: r.attempts,
    error: (r.error ?? '').slice(0, ERROR_SHOWN),
  });
}

const json = (r: ParkedEventRow) => ({ ...r, receivedAt: r.receivedAt.toISOString() });

export async function listEvents(deps: CliDeps, opts: { json?: boolean }): Promise<void> {
  const rows = await parkedEventsOf(await deps.context()).list();
  if (opts.json) return deps.out(`${JSON.stringify(rows.map(json))}\n`);
  deps.out(rows.length === 0 ? `${t('events.list.none')}\n` : `${[t('events.list.header', { count: rows.length }), ...rows.map(line)].join('\n')}\n`);
}

export async function settleEvent(deps: CliDeps, action: 'retry' | 'discard', id: number, opts: OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const actor = await requireOperator(deps, ctx, opts, 'manageParkedEvents');
  await parkedEventsOf(ctx)[action](id, actor, ctx.clock.now());
  deps.out(`${t(action === 'retry' ? 'events.retried' : 'events.discarded', { id })}\n`);
}
