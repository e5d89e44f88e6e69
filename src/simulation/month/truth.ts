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

/** What the month's completed visits used and cost: meters by diameter, pins, seals, parking; the cases raised. */
export interface MaterialTruth {
  /** `${diameter}:install|remove` → count. */
  meters: Record<string, number>;
  valvePins: number;
  seals: number;
  parking: { count: number; totalYen: number };
  doubts: number;
  incidents: number;
  complaints: number;
}

export function materialsOf(plan: MonthPlan): MaterialTruth {
  const truth: MaterialTruth = { meters: {}, valvePins: 0, seals: 0, parking: { count: 0, totalYen: 0 }, doubts: 0, incidents: 0, complaints: 0 };
  for (const visits of visitsOf(plan).values()) {
    for (const { order, outcome } of visits) {
      if (outcome !== 'done' && outcome !== 'absent') continue;
      if (order.meterJob) truth.meters[`${order.diameter}:${order.meterJob}`] = (truth.meters[`${order.diameter}:${order.meterJob}`] ?? 0) + 1;
      if (order.pin) truth.valvePins += 1;
      if (order.kind === 'close') truth.seals += 1;
    }
  }
  for (const day of plan.days) {
    truth.parking.count += day.events.parking.length;
    truth.parking.totalYen += day.events.parking.reduce((sum, p) => sum + p.yen, 0);
    truth.doubts += day.events.doubts.length;
    truth.incidents += day.events.incidents.length;
    truth.complaints += day.events.complaintAt ? 1 : 0;
  }
  return truth;
}

export type { DayPlan };
