import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { parkedEventsOf, type ParkedEventRow } from '../../assembly/services/operations.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { t } from '../../templates.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

const idArg = (value: string): number => {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0) throw new InvalidArgumentError(t('events.badId', { value }));
  return id;
};

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

/** `kaiheisen events`: received chat messages the bot parked (failed or over their time budget too often). */
export function register(program: Command, deps: CliDeps): void {
  const events = program.command('events').description('処理できず保留になった受信メッセージの確認・再実行・破棄');
  events
    .command('list')
    .description('保留中の受信メッセージを表示します (本文は表示しません)')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => {
      const rows = await parkedEventsOf(await deps.context()).list();
      if (opts.json) return deps.out(`${JSON.stringify(rows.map(json))}\n`);
      deps.out(rows.length === 0 ? `${t('events.list.none')}\n` : `${[t('events.list.header', { count: rows.length }), ...rows.map(line)].join('\n')}\n`);
    });
  for (const action of ['retry', 'discard'] as const) {
    events
      .command(`${action} <id>`)
      .description(action === 'retry' ? '保留中のメッセージを再実行待ちに戻します (動作中のボットが処理します)' : '保留中のメッセージを処理せずに閉じます')
      .option(...BY_OPTION)
      .option(...PASSWORD_STDIN_OPTION)
      .action(async (value: string, opts: OperatorOptions) => {
        const id = idArg(value);
        const ctx = await deps.context();
        const actor = await requireOperator(deps, ctx, opts, 'manageParkedEvents');
        await parkedEventsOf(ctx)[action](id, actor, ctx.clock.now());
        deps.out(`${t(action === 'retry' ? 'events.retried' : 'events.discarded', { id })}\n`);
      });
  }
}
