import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import { listAudit, type AuditListEntry } from '../../application/audit/list-audit.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

interface AuditOptions extends OperatorOptions {
  from: string;
  to: string;
  user?: string;
  csv?: boolean | string;
}

/** `kaiheisen audit --from D --to D [--user U] [--csv [FILE]]`: review of the audit trail (annex art. 22-4). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('audit')
    .description('監査ログ (だれが・いつ・どの経路で・何を・どのデータに) を期間で表示します')
    .requiredOption('--from <date>', '開始日 YYYY-MM-DD (日本時間、この日を含む)')
    .requiredOption('--to <date>', '終了日 YYYY-MM-DD (この日を含む)')
    .option('--user <id>', 'この利用者 (職員ID) の操作だけ')
    .option('--csv [file]', 'CSV (UTF-8 BOM 付き) で出力する。ファイル名を省くと標準出力へ')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: AuditOptions) => {
      const ctx = await deps.context();
      const reviewer = await requireOperator(deps, ctx, opts, 'reviewAudit');
      const entries = await listAudit(
        { trail: auditTrailOf(ctx), now: () => ctx.clock.now() },
        { from: opts.from, to: opts.to, actorId: opts.user, reviewer: { actorId: reviewer.actorId, channel: 'cli' } },
      );
      if (opts.csv === undefined) return deps.out(textOf(opts, entries));
      const csv = csvOf(entries);
      if (typeof opts.csv === 'string') writeFileSync(opts.csv, csv, { mode: 0o600 });
      else deps.out(csv);
    });
}

function actorOf(e: AuditListEntry): string {
  if (!e.actorId) return t('security.audit.system');
  return e.actorName ? `${e.actorId} ${e.actorName}` : e.actorId;
}

function textOf(opts: AuditOptions, entries: AuditListEntry[]): string {
  const user = opts.user ? t('security.audit.headerUser', { user: opts.user }) : '';
  const lines = [t('security.audit.header', { from: opts.from, to: opts.to, user, count: entries.length })];
  for (const e of entries) {
    lines.push(t('security.audit.line', { at: e.atTokyo, actor: actorOf(e), channel: e.channel, action: e.action, entity: e.entity, entityId: e.entityId ?? '' }).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

function csvOf(entries: AuditListEntry[]): string {
  const header = t('security.audit.csvHeader').split(',');
  const rows = entries.map((e) => [e.atTokyo, e.actorId ?? '', e.actorName ?? '', e.channel, e.action, e.entity, e.entityId ?? '', e.before ?? '', e.after ?? '']);
  return toCsv([header, ...rows]);
}
