import type { Observations } from './invariants.ts';
import type { MonthPlan } from './plan.ts';
import type { MonthPlayer } from './player.ts';
import type { MonthObservations } from './observe-month.ts';
import { dayTruth, emptyKinds, monthTruth, visitsOf, type Kind, type KindCounts } from './truth.ts';

interface StoredDaily {
  kinds: { kind: string; orders: number; done: number; absent: number; notDone: number; carriedOver: number }[];
}

function kindsOf(content: string): KindCounts {
  const kinds = emptyKinds();
  for (const k of (JSON.parse(content) as StoredDaily).kinds) {
    if (k.kind in kinds) kinds[k.kind as Kind] = { orders: k.orders, done: k.done, absent: k.absent, notDone: k.notDone, carriedOver: k.carriedOver };
  }
  return kinds;
}

/** Reads back what the month left: results, inbound events, the stored reports; the transcript and the acks. */
export async function observe(player: MonthPlayer, plan: MonthPlan, month: MonthObservations): Promise<Observations> {
  const db = player.ctx.db.read;
  const results = await db.taskResult.groupBy({ by: ['workOrderId'], _count: true });
  const orders = await db.workOrder.findMany({ select: { id: true, orderNo: true, status: true } });
  const noOf = new Map(orders.map((o) => [o.id, o.orderNo]));
  const resultsPerOrder = new Map(results.map((r) => [noOf.get(r.workOrderId)!, r._count]));
  const visits = visitsOf(plan);
  const last = plan.days.at(-1)?.date;
  const lastVisits = last ? (visits.get(last) ?? []) : [];
  const expectedOpen = lastVisits.filter((v) => v.outcome === 'carry').map((v) => v.order.orderNo);
  const open = new Set(expectedOpen);
  const expectedCompleted = plan.days.flatMap((d) => d.orders.map((o) => o.orderNo)).filter((no) => !open.has(no));
  const inboundRows = await db.inboundEvent.findMany({ select: { eventKey: true, state: true } });
  const dailyReports = [];
  for (const day of plan.days) {
    const stored = await db.report.findUnique({ where: { kind_period: { kind: 'daily', period: day.date } } });
    dailyReports.push({ date: day.date, kinds: stored ? kindsOf(stored.content) : null, approved: stored?.state === 'approved' || stored?.state === 'sent', truth: dayTruth(visits.get(day.date) ?? []) });
  }
  const truth = monthTruth(plan);
  const t = month.monthly?.totals;
  return {
    resultsPerOrder,
    expectedCompleted,
    expectedOpen,
    statusOf: new Map(orders.map((o) => [o.orderNo, o.status])),
    inbound: {
      sent: player.eventsSent,
      rows: inboundRows.length,
      notDone: inboundRows.filter((r) => r.state !== 'done').length,
      failed: inboundRows.filter((r) => r.state === 'failed').length,
      duplicateKeys: inboundRows.length - new Set(inboundRows.map((r) => r.eventKey)).size,
    },
    dailyReports,
    monthly: t ? {
      totals: { open: t.open, close: t.close, transfer: t.transfer, notDone: t.notDone },
      truth: {
        open: truth.open.done + truth.open.absent,
        close: truth.close.done + truth.close.absent,
        transfer: truth.transfer.done + truth.transfer.absent,
        notDone: truth.open.notDone + truth.close.notDone + truth.transfer.notDone,
      },
    } : null,
    privacyLeaks: month.leaks.map((l) => ({ to: l.to, value: l.value })),
    month,
    acksMs: player.acksMs,
  };
}
