import type { MaterialFigures, MonthObservations } from './observe-month.ts';
import type { Counts, Kind, KindCounts } from './truth.ts';

/** What the player saw and read back from the bot's database after the month. */
export interface Observations {
  /** Results per order number (TaskResult rows). */
  resultsPerOrder: Map<string, number>;
  /** Orders the generator expects completed (a result) and those expected still open and carried. */
  expectedCompleted: string[];
  expectedOpen: string[];
  /** Order status by order number, for the still-open ones. */
  statusOf: Map<string, string>;
  inbound: { sent: number; rows: number; notDone: number; failed: number; duplicateKeys: number };
  /** Per played day: the stored 日報's kinds (null: no report) and whether it was approved. */
  dailyReports: { date: string; kinds: KindCounts | null; approved: boolean; truth: KindCounts }[];
  monthly: { totals: Record<Kind | 'notDone', number>; truth: Record<Kind | 'notDone', number> } | null;
  /** Chat messages carrying a generated personal value where the policy allows none. */
  privacyLeaks: { to: string; value: string }[];
  acksMs: number[];
  /** The stored 月報's materials and cases, the approved 日報 summed, the truth; readings; DM leaks. */
  month: MonthObservations;
}

export interface Invariant {
  name: string;
  ok: boolean;
  detail?: string;
}

export const ACK_LIMIT_MS = 3000;
const KINDS: Kind[] = ['open', 'close', 'transfer'];
const FIELDS: (keyof Counts)[] = ['orders', 'done', 'absent', 'notDone', 'carriedOver'];
const check = (name: string, problems: string[]): Invariant => (problems.length === 0 ? { name, ok: true } : { name, ok: false, detail: problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (+${problems.length - 5})` : '') });

export function ordersOnce(o: Observations): Invariant {
  const problems: string[] = [];
  for (const no of o.expectedCompleted) if ((o.resultsPerOrder.get(no) ?? 0) !== 1) problems.push(`${no}: ${o.resultsPerOrder.get(no) ?? 0} results`);
  for (const no of o.expectedOpen) {
    if ((o.resultsPerOrder.get(no) ?? 0) !== 0) problems.push(`${no}: expected open, has a result`);
    if (o.statusOf.get(no) !== 'carried_over') problems.push(`${no}: expected carried_over, is ${o.statusOf.get(no) ?? 'missing'}`);
  }
  return check('every order completed exactly once or open and carried', problems);
}

export function inboundOnce(o: Observations): Invariant {
  const { sent, rows, notDone, failed, duplicateKeys } = o.inbound;
  const problems = [
    ...(rows !== sent ? [`${sent} events sent, ${rows} stored`] : []),
    ...(notDone > 0 ? [`${notDone} not done`] : []),
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(duplicateKeys > 0 ? [`${duplicateKeys} duplicate keys`] : []),
  ];
  return check('every inbound event applied exactly once', problems);
}

export function dailyReportsMatch(o: Observations): Invariant {
  const problems: string[] = [];
  for (const day of o.dailyReports) {
    if (!day.kinds) {
      problems.push(`${day.date}: no daily report`);
      continue;
    }
    if (!day.approved) problems.push(`${day.date}: not approved`);
    for (const k of KINDS) for (const f of FIELDS) if (day.kinds[k][f] !== day.truth[k][f]) problems.push(`${day.date} ${k}.${f}: report ${day.kinds[k][f]}, truth ${day.truth[k][f]}`);
  }
  return check('each daily report equals the day’s truth', problems);
}

/** The 月報's counts against the sum of the approved daily reports and against the generator's truth. */
export function monthlyMatches(o: Observations): Invariant {
  if (!o.monthly) return check('the monthly report equals the daily reports and the truth', ['no monthly report']);
  const sum = { open: 0, close: 0, transfer: 0, notDone: 0 };
  for (const day of o.dailyReports) {
    if (!day.kinds || !day.approved) continue;
    for (const k of KINDS) {
      sum[k] += day.kinds[k].done + day.kinds[k].absent;
      sum.notDone += day.kinds[k].notDone;
    }
  }
  const problems: string[] = [];
  for (const key of [...KINDS, 'notDone'] as const) {
    if (o.monthly.totals[key] !== sum[key]) problems.push(`${key}: monthly ${o.monthly.totals[key]}, daily reports ${sum[key]}`);
    if (o.monthly.totals[key] !== o.monthly.truth[key]) problems.push(`${key}: monthly ${o.monthly.totals[key]}, truth ${o.monthly.truth[key]}`);
  }
  return check('the monthly report equals the daily reports and the truth', problems);
}

/** Meters by diameter and work, pins, seals, parking, doubts, incidents, complaints: 月報 = Σ 日報 = truth. */
export function materialsMatch(o: Observations): Invariant {
  const { monthlyMaterials: monthly, dailyMaterials: daily, truth } = o.month;
  if (!monthly) return check('the monthly report’s meters, pins, seals, parking and cases equal the daily reports and the truth', ['no monthly report stored by the bot’s monthly job']);
  const problems: string[] = [];
  const compare = (what: string, m: number, against: string, other: number | null) => {
    if (other !== null && m !== other) problems.push(`${what}: monthly ${m}, ${against} ${other}`);
  };
  const keys = new Set([...Object.keys(monthly.meters), ...Object.keys(daily.meters), ...Object.keys(truth.meters)]);
  for (const k of keys) {
    compare(`meters φ${k}`, monthly.meters[k] ?? 0, 'daily reports', daily.meters[k] ?? 0);
    compare(`meters φ${k}`, monthly.meters[k] ?? 0, 'truth', truth.meters[k] ?? 0);
  }
  const scalar: [string, (f: MaterialFigures | MonthObservations['truth']) => number | null][] = [
    ['valve pins', (f) => f.valvePins],
    ['seals', (f) => f.seals],
    ['parking count', (f) => f.parking.count],
    ['parking yen', (f) => f.parking.totalYen],
    ['doubts', (f) => f.doubts],
    ['incidents', (f) => f.incidents],
  ];
  for (const [what, of] of scalar) {
    compare(what, of(monthly)!, 'daily reports', of(daily));
    compare(what, of(monthly)!, 'truth', of(truth));
  }
  // A night complaint is on no approved 日報 (it comes after the approval): the month against the truth only.
  compare('complaints', monthly.complaints, 'truth', truth.complaints);
  return check('the monthly report’s meters, pins, seals, parking and cases equal the daily reports and the truth', problems);
}

export function readingsAsRead(o: Observations): Invariant {
  return check('every recorded reading is the one the worker read (after typos and 訂正)', o.month.readingMismatches);
}

export function noPersonalValues(o: Observations): Invariant {
  return check('no personal value in a chat message (channel or direct) beyond policy', o.privacyLeaks.map((l) => `${l.value.slice(0, 2)}… to ${l.to}`));
}

export function acksWithinLimit(o: Observations): Invariant {
  const slow = o.acksMs.filter((ms) => ms > ACK_LIMIT_MS);
  return check(`no ack over ${ACK_LIMIT_MS / 1000} s`, slow.length > 0 ? [`${slow.length} acks over the limit, slowest ${Math.max(...slow).toFixed(0)} ms`] : []);
}

export function checkInvariants(o: Observations): Invariant[] {
  return [ordersOnce(o), inboundOnce(o), dailyReportsMatch(o), monthlyMatches(o), materialsMatch(o), readingsAsRead(o), noPersonalValues(o), acksWithinLimit(o)];
}
