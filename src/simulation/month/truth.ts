import type { DayPlan, MonthPlan, PlannedOrder } from './plan.ts';

export type Kind = PlannedOrder['kind'];
export interface Counts {
  orders: number;
  done: number;
  absent: number;
  notDone: number;
  carriedOver: number;
}
export type KindCounts = Record<Kind, Counts>;

/** One order as worked on one day: a carried order is worked again (and done) on the next work day. */
export interface Visit {
  order: PlannedOrder;
  date: string;
  outcome: 'done' | 'absent' | 'not_done' | 'carry';
}

const zero = (): Counts => ({ orders: 0, done: 0, absent: 0, notDone: 0, carriedOver: 0 });
export const emptyKinds = (): KindCounts => ({ open: zero(), close: zero(), transfer: zero() });

/** What each day's workers do: the day's new orders and yesterday's carried ones (now done). */
export function visitsOf(plan: MonthPlan): Map<string, Visit[]> {
  const visits = new Map<string, Visit[]>();
  let carried: PlannedOrder[] = [];
  for (const day of plan.days) {
    const today: Visit[] = [
      ...carried.map((order): Visit => ({ order, date: day.date, outcome: 'done' })),
      ...day.orders.map((order): Visit => ({ order, date: day.date, outcome: order.fate })),
    ];
    visits.set(day.date, today);
    carried = day.orders.filter((o) => o.fate === 'carry');
  }
  return visits;
}

/** The day's 日報 figures per kind, as the generator knows them. */
export function dayTruth(visits: readonly Visit[]): KindCounts {
  const kinds = emptyKinds();
  for (const v of visits) {
    const c = kinds[v.order.kind];
    c.orders += 1;
    if (v.outcome === 'done') c.done += 1;
    else if (v.outcome === 'absent') c.absent += 1;
    else if (v.outcome === 'not_done') c.notDone += 1;
    else c.carriedOver += 1;
  }
  return kinds;
}

/** The month's results per kind (what the 月報 counts: each order once, by the day its result was recorded). */
export function monthTruth(plan: MonthPlan): KindCounts {
  const kinds = emptyKinds();
  for (const visits of visitsOf(plan).values()) {
    const day = dayTruth(visits);
    for (const k of Object.keys(kinds) as Kind[]) {
      kinds[k].orders += day[k].orders - day[k].carriedOver;
      kinds[k].done += day[k].done;
      kinds[k].absent += day[k].absent;
      kinds[k].notDone += day[k].notDone;
    }
  }
  return kinds;
}

/** Seals the truth expects: a 閉栓 completed (present or absent) is sealed. */
export function sealsOf(plan: MonthPlan): number {
  let seals = 0;
  for (const visits of visitsOf(plan).values()) for (const v of visits) if (v.order.kind === 'close' && (v.outcome === 'done' || v.outcome === 'absent')) seals += 1;
  return seals;
}

export type { DayPlan };
