import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { openSendingChat } from '../../assembly/chat/sending-chat.ts';
import { dayPosterOf } from '../../assembly/services/dispatch.ts';
import { t } from '../../templates.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';

/** `kaiheisen post-day`: sends the morning post of a date now (on the console: printed). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('post-day')
    .description('その日の作業者配置を局チャンネルに、各作業者に作業一覧を、今すぐ配信します (コンソールでは画面に表示)')
    .option('--date <date>', '作業日 YYYY-MM-DD (省略時は今日)')
    .option('--console', 'Slack/Teams の設定があってもコンソールに表示する')
    .option('--json', '結果を JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { date?: string; console?: boolean; json?: boolean } & OperatorOptions) => {
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
    });
}
