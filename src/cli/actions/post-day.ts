import type { CliDeps } from '../index.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { openSendingChat } from '../../assembly/chat/sending-chat.ts';
import { dayPosterOf } from '../../assembly/services/dispatch.ts';
import { t } from '../../templates.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';

export async function postDay(deps: CliDeps, opts: { date?: string; console?: boolean; json?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const date = opts.date ?? tokyoDate(ctx.clock.now());
  await requireOperator(deps, ctx, opts, 'dispatchDay', await getDayStaffing(staffDepsOf(ctx), date));
  // The console's rendering goes to stdout, unless the caller wants JSON only.
  const chat = await openSendingChat(ctx, { forceConsole: opts.console === true, consoleSink: opts.json ? undefined : deps.out });
  try {
    const report = await dayPosterOf(ctx, chat.gateway)(date);
    if (opts.json) return deps.out(`${JSON.stringify(report)}\n`);
    const lines = [t('dispatch.cli.posted', { date: report.date, workers: report.workers, orders: report.orders, messages: report.messages }), ...report.failures.map((f) => t('dispatch.cli.failure', f))];
    if (report.queued) lines.push(t('deliveries.cli.postDayQueued', { count: report.queued }));
    deps.out(`${lines.join('\n')}\n`);
  } finally {
    await chat.stop();
  }
}
