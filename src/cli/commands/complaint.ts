import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { acknowledgeComplaint } from '../../application/complaints/acknowledge-complaint.ts';
import { uniq } from '../../application/complaints/complaint-delivery.ts';
import { nameLookup, peopleOf, supervisorsFor } from '../../application/complaints/complaint-record.ts';
import { listComplaints, type ComplaintMonth } from '../../application/complaints/list-complaints.ts';
import type { ComplaintDeps } from '../../application/complaints/ports.ts';
import { receiveComplaint, type ReceivedComplaint } from '../../application/complaints/receive-complaint.ts';
import { parseResolvedAt, resolveComplaint } from '../../application/complaints/resolve-complaint.ts';
import { getAfterHoursRoster } from '../../application/staffing/get-after-hours-roster.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { complaintDepsOf } from '../../assembly/services/complaints.ts';
import { t, templateText } from '../../templates.ts';
import { authenticate, BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

const idArg = (value: string): number => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new InvalidArgumentError(t('complaint.notFound', { id: value }));
  return id;
};

async function depsOf(deps: CliDeps): Promise<ComplaintDeps> {
  return complaintDepsOf(await deps.context());
}

async function addedLines(d: ComplaintDeps, r: ReceivedComplaint): Promise<string[]> {
  const c = r.complaint;
  if (r.duplicate) return [t('complaint.cli.duplicate', { id: c.id })];
  const nameOf = nameLookup(await peopleOf(d));
  const order = c.order ? t('complaint.chat.linked', { orderNo: c.order.orderNo, date: c.order.scheduledDate }) : t('complaint.chat.notLinked');
  const who =
    r.mode === 'paging'
      ? t('complaint.cli.paging', { names: (await getAfterHoursRoster(d, c.pagingNight!)).personIds.map(nameOf).join(' → ') || t('complaint.nobody') })
      : t('complaint.cli.notified', { names: uniq([c.order?.workerId, ...(await supervisorsFor(d, c.receivedAt))]).map(nameOf).join('、') || t('complaint.nobody') });
  return [t('complaint.cli.added', { id: c.id, via: 'cli' }), order, who, t('complaint.cli.deferred')];
}

function registerAdd(complaint: Command, deps: CliDeps): void {
  complaint
    .command('add')
    .description('苦情を受け付けます (業務時間内は作業者と業務責任者へ、時間外は当番を呼び出し)')
    .requiredOption('--kind <kind>', 'noWater (水が出ない) | other')
    .option('--address <address>', '住所')
    .option('--customer <number>', 'お客さま番号')
    .requiredOption('--description <text>', '内容')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { kind: string; address?: string; customer?: string; description: string; json?: boolean } & OperatorOptions) => {
      const ctx = await deps.context();
      const { actorId } = await requireOperator(deps, ctx, opts, 'receiveComplaints');
      const d = complaintDepsOf(ctx);
      const input = { kind: opts.kind, address: opts.address, customerNumber: opts.customer, description: opts.description };
      const r = await receiveComplaint(d, { ...input, via: 'cli', actor: { actorId, channel: 'cli' } });
      if (opts.json) return deps.out(`${JSON.stringify({ id: r.complaint.id, mode: r.mode, duplicate: r.duplicate, state: r.complaint.state, orderNo: r.complaint.order?.orderNo ?? null })}\n`);
      deps.out(`${(await addedLines(d, r)).join('\n')}\n`);
    });
}

function registerAck(complaint: Command, deps: CliDeps): void {
  complaint
    .command('ack')
    .description('苦情を受領します (呼び出しを止め、業務責任者と局に知らせます)')
    .argument('<id>', '苦情の番号', idArg)
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (id: number, opts: OperatorOptions) => {
      const { actorId } = await authenticate(deps, await deps.context(), opts);
      const d = await depsOf(deps);
      const { complaint } = await acknowledgeComplaint(d, { actorId, channel: 'cli' }, id);
      const nameOf = nameLookup(await peopleOf(d));
      deps.out(`${[t('complaint.cli.acknowledged', { id, name: nameOf(complaint.holderId) }), t('complaint.cli.deferred')].join('\n')}\n`);
    });
}

function registerResolve(complaint: Command, deps: CliDeps): void {
  complaint
    .command('resolve')
    .description('苦情の解決報告を記録します')
    .argument('<id>', '苦情の番号', idArg)
    .requiredOption('--found <text>', '原因 (何があったか)')
    .requiredOption('--done <text>', '処置 (何をしたか)')
    .option('--at <time>', '解決日時 HH:MM または "YYYY-MM-DD HH:MM" (省略時は今)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (id: number, opts: { found: string; done: string; at?: string } & OperatorOptions) => {
      const { actorId } = await authenticate(deps, await deps.context(), opts);
      const d = await depsOf(deps);
      const input = { findings: opts.found, actionTaken: opts.done, resolvedAt: parseResolvedAt(opts.at ?? '', d.clock.now()) };
      const { complaint } = await resolveComplaint(d, { actorId, channel: 'cli' }, id, input);
      deps.out(`${t('complaint.cli.resolved', { id, time: tokyoDateTime(complaint.resolvedAt!) })}\n`);
    });
}

function monthLines(m: ComplaintMonth): string[] {
  const none = t('complaint.cli.none');
  return [
    t('complaint.cli.listHeader', { month: m.month, count: m.count, afterHours: m.afterHours, unresolved: m.unresolved, callOuts: m.callOuts }),
    ...m.items.flatMap((i) => [
      t('complaint.cli.listLine', {
        id: i.id,
        receivedAt: i.receivedAt,
        kind: templateText(`complaint.kind.${i.kind}`),
        state: templateText(`complaint.state.${i.state}`),
        afterHours: i.afterHours ? t('complaint.cli.afterHoursMark') : '',
        town: i.town ?? none,
        orderNo: i.orderNo ?? none,
        holder: i.holder ?? none,
      }),
      ...(i.resolvedAt ? [t('complaint.cli.listResolution', { resolvedAt: i.resolvedAt, findings: i.findings ?? none, actionTaken: i.actionTaken ?? none })] : []),
      ...i.callOuts.map((c) => t('complaint.cli.listCallOut', { at: c.at, name: c.name, round: c.round, outcome: t(`complaint.cli.outcome.${c.outcome}`) })),
    ]),
  ];
}

function registerList(complaint: Command, deps: CliDeps): void {
  complaint
    .command('list')
    .description('月ごとの苦情と時間外の呼び出し (月報用)')
    .option('--month <YYYY-MM>', '月 (省略時は今月)')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { month?: string; json?: boolean }) => {
      const d = await depsOf(deps);
      const m = await listComplaints(d, opts.month ?? tokyoDate(d.clock.now()).slice(0, 7));
      deps.out(opts.json ? `${JSON.stringify(m)}\n` : `${monthLines(m).join('\n')}\n`);
    });
}

/** `kaiheisen complaint add | ack | resolve | list`. */
export function register(program: Command, deps: CliDeps): void {
  const complaint = program.command('complaint').description('苦情の受付・受領・解決報告・一覧');
  registerAdd(complaint, deps);
  registerAck(complaint, deps);
  registerResolve(complaint, deps);
  registerList(complaint, deps);
}
