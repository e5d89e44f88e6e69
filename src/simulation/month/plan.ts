import { seededRandom, type Random } from './random.ts';

/** Table 1 (別表1), March: 開栓 3,035 / 閉栓 2,365 / 名変 4,254 = 9,654 orders. */
export const MARCH_LOAD: Record<'open' | 'close' | 'transfer', number> = { open: 3035, close: 2365, transfer: 4254 };

/** How an order ends on the day it is worked; `carry`: nobody reports it that day, the compile carries it over. */
export type Fate = 'done' | 'absent' | 'not_done' | 'carry';
/** What the worker gets wrong first: a typo in the reading (answered いいえ, then the right one). */
export type Noise = 'none' | 'typo';

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
}

export interface DayPlan {
  date: string;
  supervisor: string;
  workers: string[];
  orders: PlannedOrder[];
  /** Minutes after 08:30 of the day's restart and re-import of its file. */
  restartAfter: number;
  reimportAfter: number;
}

export interface MonthPlan {
  seed: number;
  workers: string[];
  supervisors: string[];
  /** Leaves from this date on (not staffed). */
  leaver: { personId: string; from: string } | null;
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
    noise: random.chance(0.05) ? 'typo' : 'none',
  };
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
  const leaverFrom = options.workDays.length >= 4 ? options.workDays[Math.floor(options.workDays.length / 2)]! : null;
  const leaver = leaverFrom ? { personId: workers.at(-1)!, from: leaverFrom } : null;
  const counts = dailyCounts(options.orders, options.workDays.length, random);
  let n = 0;
  const days = options.workDays.map((date, d): DayPlan => {
    const last = d === options.workDays.length - 1;
    const orders = Array.from({ length: counts[d]! }, () => order(random, date, ++n, last));
    return {
      date,
      supervisor: supervisors[d % supervisors.length]!,
      workers: leaver && date >= leaver.from ? workers.filter((w) => w !== leaver.personId) : workers,
      orders,
      restartAfter: random.int(10, 480),
      reimportAfter: random.int(10, 480),
    };
  });
  return { seed: options.seed, workers, supervisors, leaver, days, orders: n };
}
