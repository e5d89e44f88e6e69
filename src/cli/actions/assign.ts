import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t, templateText } from '../../templates.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { METER_WORK_LABELS, TASK_KIND_LABELS } from '../../domain/work-order/task-kind.ts';
import { assignDay, type AssignDayResult } from '../../application/assignment/assign-day.ts';
import { moveOrder, type MoveOrderResult } from '../../application/assignment/move-order.ts';
import type { Visit, WorkerSummary } from '../../application/assignment/plan-rows.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import { assignmentDepsOf } from '../../assembly/services/work-orders.ts';
import type { DayStaffing } from '../../domain/staffing/day-staffing.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';
import { checkMapTarget, writeMap } from './assign-map.ts';

export async function assign(deps: CliDeps, opts: { date?: string; includeSupervisors?: boolean; json?: boolean; map?: string } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const date = opts.date ?? tokyoDate(ctx.clock.now());
  const { actorId } = await requireOperator(deps, ctx, opts, 'dispatchDay', await getDayStaffing(staffDepsOf(ctx), date));
  const mapPath = opts.map === undefined ? undefined : checkMapTarget(opts.map);
  const assignment = assignmentDepsOf(ctx);
  const result = await assignDay(assignment, {
    date,
    includeSupervisors: opts.includeSupervisors === true,
    actorId,
    channel: 'cli',
  });
  const map = mapPath === undefined ? undefined : writeMap(result, assignment.depot, mapPath);
  if (opts.json) deps.out(`${JSON.stringify({ ...assignJson(result), ...(map ? { map: map.json } : {}) })}\n`);
  else deps.out(renderAssign(result) + (map?.text ?? ''));
  if (map?.failure) throw map.failure;
}

export async function moveAssigned(deps: CliDeps, orderNo: string, own: { to: string; json?: boolean } & OperatorOptions, command: Command): Promise<void> {
  // `assign` declares --by too: commander gives it to whichever of the two comes first, so both are read.
  const opts = command.optsWithGlobals<typeof own>();
  const ctx = await deps.context();
  // An unknown order is reported by moveOrder itself; there is nothing to authorise.
  const staffing = await staffingOfOrder(ctx, orderNo);
  const actorId = staffing ? (await requireOperator(deps, ctx, opts, 'reassignOrder', staffing)).actorId : null;
  const result = await moveOrder(assignmentDepsOf(ctx), { orderNo, to: opts.to, actorId, channel: 'cli' });
  deps.out(opts.json ? `${JSON.stringify(moveJson(result))}\n` : renderMove(result));
}

/** Only a supervisor of the order's day may move it (第18条): the staffing of that day decides. */
async function staffingOfOrder(ctx: AppContext, orderNo: string): Promise<DayStaffing | null> {
  const order = await ctx.db.read.workOrder.findUnique({ where: { orderNo }, select: { scheduledDate: true } });
  return order ? getDayStaffing(staffDepsOf(ctx), order.scheduledDate) : null;
}

const workerJson = (w: WorkerSummary) => ({
  personId: w.personId,
  name: w.name,
  count: w.count,
  workload: w.workload,
  routeKm: w.routeKm,
  orders: w.orders,
});

function assignJson(r: AssignDayResult) {
  return {
    date: r.date,
    workers: r.workers.map(workerJson),
    unassigned: r.unassigned,
    total: totals(r.workers),
    supervisorFallback: r.supervisorFallback,
    released: r.released,
    removed: r.removed,
    leftOut: r.leftOut.map((l) => ({ personId: l.personId, cardState: l.cardState })),
  };
}

function moveJson(r: MoveOrderResult) {
  return { orderNo: r.orderNo, date: r.date, from: r.from, to: r.to, workers: r.workers.map(workerJson) };
}

function totals(workers: readonly WorkerSummary[]) {
  const km = workers.reduce((s, w) => s + (w.routeKm ?? 0), 0);
  return {
    count: workers.reduce((s, w) => s + w.count, 0),
    workload: workers.reduce((s, w) => s + w.workload, 0),
    routeKm: Math.round(km * 100) / 100,
  };
}

const kmText = (km: number | null) => (km === null ? t('assign.unknownKm') : km.toFixed(1));

function renderWorker(w: WorkerSummary): string[] {
  const lines = [t('assign.worker', { personId: w.personId, name: w.name, count: w.count, workload: w.workload, km: kmText(w.routeKm) })];
  if (w.estimatedPositions > 0) lines.push(t('assign.workerEstimated', { count: w.estimatedPositions }));
  w.visits.forEach((v, i) => lines.push(renderVisit(v, i + 1)));
  return lines;
}

function renderVisit(v: Visit, visitOrder: number): string {
  return t('assign.visit', {
    visitOrder,
    orderNo: v.orderNo,
    kind: TASK_KIND_LABELS[v.kind],
    meterWork: v.meterWork ? `(${METER_WORK_LABELS[v.meterWork]})` : '',
    town: v.town,
    mark: v.pinned ? t('assign.pinnedMark') : '',
  });
}

function renderAssign(r: AssignDayResult): string {
  const lines = [t('assign.header', { date: r.date, source: t(`assign.source.${r.staffingSource}`) })];
  if (r.supervisorFallback) lines.push(t('assign.supervisorFallback'));
  if (r.noOrders) lines.push(t('assign.noOrders', { date: r.date }));
  else {
    for (const w of r.workers) lines.push(...renderWorker(w));
    const total = totals(r.workers);
    lines.push(t('assign.total', { count: total.count, workload: total.workload, km: total.routeKm.toFixed(1), workers: r.workers.length }));
  }
  if (r.released.length > 0) lines.push(t('assign.released', { orderNos: r.released.join(', ') }));
  if (r.removed.length > 0) lines.push(t('assign.removed', { orderNos: r.removed.join(', ') }));
  if (r.unassigned.length > 0) lines.push(t('assign.unassigned', { orderNos: r.unassigned.join(', ') }));
  for (const l of r.leftOut) lines.push(t('assign.leftOut', { personId: l.personId, name: l.name, state: templateText(`assign.cardState.${l.cardState}`) }));
  return `${lines.join('\n')}\n`;
}

function renderMove(r: MoveOrderResult): string {
  const name = r.workers.find((w) => w.personId === r.to)?.name ?? r.to;
  const head =
    r.from === r.to
      ? t('assign.move.pinnedOnly', { orderNo: r.orderNo, to: r.to, name })
      : t('assign.move.done', { orderNo: r.orderNo, from: r.from ?? t('assign.move.noneBefore'), to: r.to, name });
  const lines = [head];
  for (const w of r.workers) lines.push(...renderWorker(w));
  return `${lines.join('\n')}\n`;
}
