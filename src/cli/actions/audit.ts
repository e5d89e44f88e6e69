import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import { writePrivateFile } from '../../adapters/private-files.ts';
import { listAudit, type AuditListEntry } from '../../application/audit/list-audit.ts';
import { auditTrailOf } from '../../assembly/services/operations.ts';
import { auditChainOf, describeChainProblem, type ChainReport } from '../../assembly/services/audit-chain.ts';
import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import type { AppContext } from '../../assembly/context.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

export interface AuditOptions extends OperatorOptions {
  from: string;
  to: string;
  user?: string;
  csv?: boolean | string;
}

export async function auditVerify(deps: CliDeps, _own: unknown, command: Command): Promise<void> {
  // `--by` typed after `verify` may land on the parent `audit`, which declares it too.
  const opts = command.optsWithGlobals<{ anchor?: string } & OperatorOptions>();
  const anchor = opts.anchor?.trim().toLowerCase();
  if (anchor !== undefined && !/^[0-9a-f]{64}$/.test(anchor)) {
    command.error(t('auditChain.verify.anchorFormat'), { exitCode: 2, code: 'kaiheisen.usage' });
  }
  const ctx = await deps.context();
  // The chain as found, before the operator's own audited check is appended to it.
  const report = await auditChainOf(ctx).verify(anchor);
  await requireOperator(deps, ctx, opts, 'reviewAudit');
  const { text, ok } = verifyText(report, anchor);
  if (!ok) throw new AppError(ErrorCode.Conflict, text);
  deps.out(`${text}\n`);
}

export async function auditList(deps: CliDeps, opts: AuditOptions, command: Command): Promise<void> {
  // Not requiredOption: commander would then demand them of `audit verify` too.
  for (const name of ['from', 'to'] as const) {
    if (!opts[name]) command.error(`error: required option '--${name} <date>' not specified`, { exitCode: 2, code: 'commander.missingMandatoryOptionValue' });
  }
  const ctx = await deps.context();
  const reviewer = await requireOperator(deps, ctx, opts, 'reviewAudit');
  const entries = await listAudit(
    { trail: auditTrailOf(ctx), now: () => ctx.clock.now() },
    { from: opts.from, to: opts.to, actorId: opts.user, reviewer: { actorId: reviewer.actorId, channel: 'cli' } },
  );
  const warning = await chainWarning(ctx);
  if (opts.csv === undefined) return deps.out(`${warning}${textOf(opts, entries)}`);
  if (warning) deps.err(warning);
  const csv = csvOf(entries);
  if (typeof opts.csv === 'string') writePrivateFile(opts.csv, csv);
  else deps.out(csv);
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

async function chainWarning(ctx: AppContext): Promise<string> {
  if (!ctx.db.cipher) return '';
  const { problem } = await auditChainOf(ctx).verify();
  return problem ? `${t('auditChain.listWarning', { what: describeChainProblem(problem) })}\n` : '';
}

function verifyText(report: ChainReport, anchor: string | undefined): { text: string; ok: boolean } {
  if (report.problem) return { text: t('auditChain.verify.broken', { what: describeChainProblem(report.problem) }), ok: false };
  const lines = [t('auditChain.verify.ok', { rows: report.rows, head: report.head })];
  if (report.retiredKeyRows > 0) lines.push(t('auditChain.verify.retiredRows', { count: report.retiredKeyRows }));
  if (anchor !== undefined) {
    const found = report.anchor;
    // The failure first: the error prefix belongs to it, the intact chain is context.
    if (!found) return { text: [t('auditChain.verify.anchorMissing', { anchor }), ...lines].join('\n'), ok: false };
    lines.push(found.id === 0 ? t('auditChain.verify.anchorStart', { anchor }) : t('auditChain.verify.anchorOk', { anchor, id: found.id, at: tokyoTimestamp(found.at) }));
  }
  return { text: lines.join('\n'), ok: true };
}
