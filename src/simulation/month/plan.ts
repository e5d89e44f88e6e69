import { seededRandom, type Random } from './random.ts';

/** Table 1 (別表1), March: 開栓 3,035 / 閉栓 2,365 / 名変 4,254 = 9,654 orders. */
export const MARCH_LOAD: Record<'open' | 'close' | 'transfer', number> = { open: 3035, close: 2365, transfer: 4254 };

/** How an order ends on the day it is worked; `carry`: nobody reports it that day, the compile carries it over. */
export type Fate = 'done' | 'absent' | 'not_done' | 'carry';
/**
 * What the worker gets wrong or says oddly: a typo in the reading (answered いいえ, then the right one); a negation
 * (「ピン交換なし」, 「不在じゃない、完了」); a wrong reading confirmed, then corrected with 訂正 later in the day.
 */
export type Noise = 'none' | 'typo' | 'negation' | 'correction';
/** メーター作業 of the order: a meter fitted at an 開栓, removed (引上) at a 閉栓. */
export type MeterJob = 'install' | 'remove' | null;

/** Things that happen during a day besides results (each chosen among the day's orders). */
export interface DayEvents {
  /** 疑義 raised by the order's worker; the first one is left unanswered by the supervisor and goes to the bureau. */
  doubts: string[];
  /** 事故 reported by the order's worker. */
  incidents: string[];
  /** 駐車 fees (yen) on orders. */
  parking: { orderNo: string; yen: number }[];
  /** Orders done in overtime: the supervisor asks the bureau at 16:50, the results come after 17:45. */
  overtime: string[];
  /** A 断水 complaint to the bureau at night (HH:MM after hours), paged to the after-hours roster. */
  complaintAt: string | null;
}

export interface PlannedOrder {
  orderNo: string;
  /** The last four digits: what workers type (unique over the month). */
  serial: string;
  kind: 'open' | 'close' | 'transfer';
  date: string;
  customerNo: string;
  name: string;
  kana: string;
  phone: string;
  address: string;
  town: string;
  previousReading: number;
  diameter: 13 | 20 | 25;
  lat: number;
  lon: number;
  /** Fate on each day it is worked: a carried order is done on the next work day it is dispatched. */
  fate: Fate;
  noise: Noise;
  meterJob: MeterJob;
  /** The valve pin is replaced (besides the seal of a 閉栓). */
  pin: boolean;
}

export interface DayPlan {
  date: string;
  supervisor: string;
  workers: string[];
  orders: PlannedOrder[];
  /** Minutes after 08:30 of the day's restart and re-import of its file. */
  restartAfter: number;
  reimportAfter: number;
  events: DayEvents;
}

export interface MonthPlan {
  seed: number;
  workers: string[];
  supervisors: string[];
  /** Leaves from this date on (not staffed). */
  leaver: { personId: string; until: string } | null; // their last working day, in the staff file from the start
  days: DayPlan[];
  orders: number;
}

export interface PlanOptions {
  seed: number;
  /** The work days played, in order (the caller's calendar decides which days work). */
  workDays: string[];
  orders: number;
  workers: number;
  supervisors: number;
  /** Noise of each day (doubts, incidents, complaints, overtime, parking); off: results only. */
  noise?: boolean;
  /** Orders worked in approved overtime each day, at most (default 2). */
  overtimePerDay?: number;
}

const FAMILY = ['架空', '仮名', '試験', '見本', '模擬', '想定', '例示', '空想'];
const GIVEN = ['一郎', '花子', '次郎', '桜', '三郎', '葵', '四郎', '楓'];
const TOWNS = ['諸江町', '鞍月', '広坂', '片町', '長町', '寺町', '東山', '駅西本町', '野町', '有松'];
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(2, '0')}`;

/** Splits `total` over `parts` days around the mean (±15%), summing exactly. */
function dailyCounts(total: number, parts: number, random: Random): number[] {
  const weights = Array.from({ length: parts }, () => 0.85 + random.next() * 0.3);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < total; i = (i + 1) % parts) counts[i]! += 1;
  return counts;
}

/** The kinds of `count` orders in table 1's March proportions. */
function kindOf(random: Random): PlannedOrder['kind'] {
  const all = MARCH_LOAD.open + MARCH_LOAD.close + MARCH_LOAD.transfer;
  const x = random.next() * all;
  return x < MARCH_LOAD.open ? 'open' : x < MARCH_LOAD.open + MARCH_LOAD.close ? 'close' : 'transfer';
}

function fateOf(random: Random, last: boolean): Fate {
  const x = random.next();
  if (x < 0.04 && !last) return 'carry';
  if (x < 0.07) return 'not_done';
  if (x < 0.2) return 'absent';
  return 'done';
}

function order(random: Random, date: string, n: number, lastDay: boolean): PlannedOrder {
  const serial = String(n).padStart(4, '0');
  const town = random.pick(TOWNS);
  return {
    orderNo: `${date.replaceAll('-', '')}-${serial}`,
    serial,
    kind: kindOf(random),
    date,
    customerNo: `77${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    name: `${random.pick(FAMILY)} ${random.pick(GIVEN)}${serial}`,
    kana: 'ｶｸｳ',
    phone: `090-${String(random.int(1000, 9999))}-${String(random.int(1000, 9999))}`,
    address: `石川県金沢市${town}${random.int(1, 9)}丁目${random.int(1, 40)}-${random.int(1, 9)}`,
    town,
    previousReading: random.int(100, 9000),
    diameter: random.pick([13, 20, 20, 20, 25] as const),
    lat: Number((36.54 + random.next() * 0.06).toFixed(6)),
    lon: Number((136.6 + random.next() * 0.06).toFixed(6)),
    fate: fateOf(random, lastDay),
    noise: noiseOf(random),
    meterJob: null,
    pin: false,
  };
}

function noiseOf(random: Random): Noise {
  const x = random.next();
  return x < 0.05 ? 'typo' : x < 0.1 ? 'negation' : x < 0.14 ? 'correction' : 'none';
}

/** Meter work and pins: a third of 開栓 fit a meter, a quarter of 閉栓 remove it; a pin on one in five. */
function withMaterials(random: Random, o: PlannedOrder): PlannedOrder {
  const meterJob: MeterJob = o.kind === 'open' && random.chance(0.3) ? 'install' : o.kind === 'close' && random.chance(0.25) ? 'remove' : null;
  // A negation says 「ピン交換なし」: no pin.
  const pin = o.kind !== 'transfer' && o.noise !== 'negation' && random.chance(0.2);
  return { ...o, meterJob, pin };
}

/** A few events a day among the orders worked (done or absent, not carried): not more than the day can hold. */
function eventsOf(random: Random, orders: PlannedOrder[], noise: boolean, overtimePerDay: number): DayEvents {
  if (!noise) return { doubts: [], incidents: [], parking: [], overtime: [], complaintAt: null };
  const worked = random.shuffle(orders.filter((o) => o.fate === 'done' && o.noise === 'none'));
  const take = (n: number) => worked.splice(0, n).map((o) => o.orderNo);
  const doubts = take(Math.min(2, Math.ceil(orders.length / 40)));
  const incidents = take(1);
  const overtime = take(Math.min(overtimePerDay, Math.ceil(orders.length / 100)));
  const parking = take(Math.min(3, Math.ceil(orders.length / 30))).map((orderNo) => ({ orderNo, yen: random.pick([300, 500, 700, 1200]) }));
  const complaintAt = `${random.int(19, 22)}:${String(random.int(0, 59)).padStart(2, '0')}`;
  return { doubts, incidents, parking, overtime, complaintAt };
}

/**
 * A month of work: orders per work day (serials unique over the month, so a carried order is never confused with a
 * new one), the day's supervisor rotating over the supervisors, one worker leaving in the middle, a restart and a
 * re-import at a random moment of each day. Pure: the same options give the same plan.
 */
export function planMonth(options: PlanOptions): MonthPlan {
  const random = seededRandom(options.seed);
  const workers = Array.from({ length: options.workers }, (_, i) => id('w', i + 1));
  const supervisors = Array.from({ length: options.supervisors }, (_, i) => id('s', i + 1));
  const leaverUntil = options.workDays.length >= 4 ? options.workDays[Math.floor(options.workDays.length / 2) - 1]! : null;
  const leaver = leaverUntil ? { personId: workers.at(-1)!, until: leaverUntil } : null;
  const counts = dailyCounts(options.orders, options.workDays.length, random);
  let n = 0;
  const days = options.workDays.map((date, d): DayPlan => {
    const last = d === options.workDays.length - 1;
    const orders = Array.from({ length: counts[d]! }, () => withMaterials(random, order(random, date, ++n, last)));
    return {
      date,
      supervisor: supervisors[d % supervisors.length]!,
      workers: leaver && date > leaver.until ? workers.filter((w) => w !== leaver.personId) : workers,
      orders,
      restartAfter: random.int(10, 480),
      reimportAfter: random.int(10, 480),
      events: eventsOf(random, orders, options.noise ?? true, options.overtimePerDay ?? 2),
    };
  });
  return { seed: options.seed, workers, supervisors, leaver, days, orders: n };
}
