import type { MonthlyFigures, MeterFigures } from '../../domain/reports/monthly-aggregate.ts';
import type { MonthlyReportView } from '../../application/reports/monthly-report-view.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';
import { readingOf } from './persona.ts';
import type { MonthPlan } from './plan.ts';
import type { MonthPlayer } from './player.ts';
import { privacyLeaks, type Leak } from './privacy-check.ts';
import { materialsOf, visitsOf, type MaterialTruth } from './truth.ts';

/** Materials, fees and cases as one report shows them, comparable with the generator's MaterialTruth. */
export interface MaterialFigures {
  meters: Record<string, number>;
  valvePins: number | null;
  seals: number | null;
  parking: { count: number; totalYen: number };
  doubts: number;
  incidents: number;
  complaints: number;
}

export interface MonthObservations {
  /** The 月報 the bot's monthly job stored (null: none). */
  monthly: MonthlyFigures | null;
  monthlyMaterials: MaterialFigures | null;
  /** The approved daily reports summed (pins and seals are not on the 日報: null). */
  dailyMaterials: MaterialFigures;
  truth: MaterialTruth;
  /** Recorded readings other than the one the worker read (after typos and 訂正). */
  readingMismatches: string[];
  leaks: Leak[];
}

function meterCounts(meters: readonly MeterFigures[], into: Record<string, number> = {}): Record<string, number> {
  for (const m of meters) {
    for (const work of ['install', 'replace', 'remove'] as const) if (m[work] > 0) into[`${m.diameterMm}:${work}`] = (into[`${m.diameterMm}:${work}`] ?? 0) + m[work];
  }
  return into;
}

function monthlyMaterials(f: MonthlyFigures): MaterialFigures {
  const used = (item: string) => f.consumables.find((c) => c.item === item)?.quantity ?? 0;
  return { meters: meterCounts(f.meters), valvePins: used('valvePin'), seals: used('seal'), parking: f.parking, doubts: f.doubts.count, incidents: f.incidents.count, complaints: f.complaints.count };
}

interface StoredDailyMaterials {
  meters: MeterFigures[];
  parking: { items: unknown[]; totalYen: number };
  doubts: unknown[];
  incidents: unknown[];
  complaints: unknown[];
}

export async function observeMonth(player: MonthPlayer, plan: MonthPlan, month: string): Promise<MonthObservations> {
  const db = player.ctx.db.read;
  const stored = await db.report.findUnique({ where: { kind_period: { kind: 'monthly', period: month } } });
  const monthly = stored ? (JSON.parse(stored.content) as MonthlyReportView).figures : null;
  const daily: MaterialFigures = { meters: {}, valvePins: null, seals: null, parking: { count: 0, totalYen: 0 }, doubts: 0, incidents: 0, complaints: 0 };
  const dailies = await db.report.findMany({ where: { kind: 'daily', period: { in: plan.days.map((d) => d.date) }, state: { in: ['approved', 'sent'] } } });
  for (const r of dailies) {
    const view = JSON.parse(r.content) as StoredDailyMaterials;
    meterCounts(view.meters, daily.meters);
    daily.parking.count += view.parking.items.length;
    daily.parking.totalYen += view.parking.totalYen;
    daily.doubts += view.doubts.length;
    daily.incidents += view.incidents.length;
    daily.complaints += view.complaints.length;
  }
  const results = await db.taskResult.findMany({ select: { reading: true, workOrder: { select: { orderNo: true } } } });
  const visitOf = new Map([...visitsOf(plan).values()].flat().filter((v) => v.outcome !== 'carry').map((v) => [v.order.orderNo, v]));
  const readingMismatches = results.flatMap((r) => {
    const v = visitOf.get(r.workOrder.orderNo);
    const expected = v && v.outcome !== 'not_done' ? readingOf(v) : null;
    return v && expected !== null && r.reading !== expected ? [`${r.workOrder.orderNo}: ${r.reading ?? 'none'}, read ${expected}`] : [];
  });
  const assignments = await db.assignment.findMany({ select: { personId: true, workOrder: { select: { orderNo: true } } } });
  const assignees = new Map([...player.holders].map(([no, people]) => [no, new Set(people)]));
  for (const a of assignments) assignees.set(a.workOrder.orderNo, (assignees.get(a.workOrder.orderNo) ?? new Set()).add(a.personId));
  const leaks = privacyLeaks(player.transcript(), plan, CHAT_POLICIES[player.ctx.config.chatPrivacyPolicy], assignees);
  return { monthly, monthlyMaterials: monthly ? monthlyMaterials(monthly) : null, dailyMaterials: daily, truth: materialsOf(plan), readingMismatches, leaks };
}
