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
import { authenticate, requireOperator, type OperatorOptions } from '../operator.ts';

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

export async function complaintAdd(deps: CliDeps, opts: { kind: string; address?: string; customer?: string; description: string; json?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const { actorId } = await requireOperator(deps, ctx, opts, 'receiveComplaints');
  const d = complaintDepsOf(ctx);
  const input = { kind: opts.kind, address: opts.address, customerNumber: opts.customer, description: opts.description };
  const r = await receiveComplaint(d, { ...input, via: 'cli', actor: { actorId, channel: 'cli' } });
  if (opts.json) return deps.out(`${JSON.stringify({ id: r.complaint.id, mode: r.mode, duplicate: r.duplicate, state: r.complaint.state, orderNo: r.complaint.order?.orderNo ?? null })}\n`);
  deps.out(`${(await addedLines(d, r)).join('\n')}\n`);
}

export async function complaintAck(deps: CliDeps, id: number, opts: OperatorOptions): Promise<void> {
  const { actorId } = await authenticate(deps, await deps.context(), opts);
  const d = await depsOf(deps);
  const { complaint } = await acknowledgeComplaint(d, { actorId, channel: 'cli' }, id);
  const nameOf = nameLookup(await peopleOf(d));
  deps.out(`${[t('complaint.cli.acknowledged', { id, name: nameOf(complaint.holderId) }), t('complaint.cli.deferred')].join('\n')}\n`);
}

export async function complaintResolve(deps: CliDeps, id: number, opts: { found: string; done: string; at?: string } & OperatorOptions): Promise<void> {
  const { actorId } = await authenticate(deps, await deps.context(), opts);
  const d = await depsOf(deps);
  const input = { findings: opts.found, actionTaken: opts.done, resolvedAt: parseResolvedAt(opts.at ?? '', d.clock.now()) };
  const { complaint } = await resolveComplaint(d, { actorId, channel: 'cli' }, id, input);
  deps.out(`${t('complaint.cli.resolved', { id, time: tokyoDateTime(complaint.resolvedAt!) })}\n`);
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

export async function complaintList(deps: CliDeps, opts: { month?: string; json?: boolean }): Promise<void> {
  const d = await depsOf(deps);
  const m = await listComplaints(d, opts.month ?? tokyoDate(d.clock.now()).slice(0, 7));
  deps.out(opts.json ? `${JSON.stringify(m)}\n` : `${monthLines(m).join('\n')}\n`);
}
