// Synthetic work orders for bench/import.bench.ts: a year at the volumes of the spec's 別表1
// (TABLE1: 開栓/閉栓/名変 per month, March first; 57,106 in all).
import iconv from 'iconv-lite';
import { seededRandom } from '../test/support/assignment-orders.ts';
import { TABLE1 } from '../test/support/table1-year.ts';

/** 別表1 note: meter installs ~100 a month (on 開栓), removals ~60 a month (on 閉栓). */
const INSTALLS_PER_MONTH = 100;
const REMOVALS_PER_MONTH = 60;

const HEADER = '作業番号,作業種別,作業予定日,お客さま番号,使用者名,使用者名カナ,住所,地図版,水栓番号,メーター番号,口径,前回指針,前回使用量,メーター作業,連絡先電話番号,備考,緯度,経度';
const SURNAMES: readonly [string, string][] = [
  ['石川', 'ｲｼｶﾜ'], ['山﨑', 'ﾔﾏｻﾞｷ'], ['髙橋', 'ﾀｶﾊｼ'], ['北村', 'ｷﾀﾑﾗ'], ['林', 'ﾊﾔｼ'], ['宮本', 'ﾐﾔﾓﾄ'],
  ['前田', 'ﾏｴﾀﾞ'], ['吉田', 'ﾖｼﾀﾞ'], ['村田', 'ﾑﾗﾀ'], ['本多', 'ﾎﾝﾀﾞ'], ['竹内', 'ﾀｹｳﾁ'], ['松本', 'ﾏﾂﾓﾄ'],
];
const GIVEN = ['大輔', '太郎', '恵', '翔', '花子', '美咲', '陽菜', '由美', '誠'];
const TOWNS: readonly [string, string, number, number][] = [
  ['諸江町', '北', 36.5879, 136.6464], ['鞍月', '北', 36.5953, 136.6296], ['寺町', '南', 36.5527, 136.6466],
  ['広坂', '中', 36.5649, 136.6626], ['高尾台', '南', 36.5016, 136.6376], ['示野町', '北', 36.5869, 136.6337],
  ['片町', '中', 36.5621, 136.6495], ['泉が丘', '南', 36.5399, 136.6392], ['杜の里', '中', 36.5308, 136.7035],
];
const REMARKS = ['', '', '', '犬あり注意', '不在時は連絡用紙投函', '解体予定', '"2階奥の部屋, 階段右"'];
const DIAMETERS = [13, 13, 13, 20, 20, 25, 30, 40];

interface MonthPlan {
  year: number;
  month: number;
  kinds: string[]; // one label per order of the month
}

/** Months from March 2026; `total` beyond the table's 57,106 is spread as その他 over the year. */
function monthPlans(total: number): MonthPlan[] {
  const tableTotal = TABLE1.reduce((sum, m) => sum + m.total, 0);
  const others = Math.max(0, total - tableTotal);
  return TABLE1.map(({ open, close, transfer }, i) => {
    const extra = Math.floor((others * (i + 1)) / 12) - Math.floor((others * i) / 12);
    const kinds = [...Array<string>(open).fill('開栓'), ...Array<string>(close).fill('閉栓'),
      ...Array<string>(transfer).fill('名変'), ...Array<string>(extra).fill('その他')];
    return { year: i < 10 ? 2026 : 2027, month: ((i + 2) % 12) + 1, kinds };
  });
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function line(plan: MonthPlan, index: number, serial: number, rnd: () => number, meterWork: string): string {
  const days = daysIn(plan.year, plan.month);
  const day = 1 + (index % days);
  const date = `${plan.year}-${String(plan.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const [surname, kana] = pick(SURNAMES);
  const [town, sheet, lat, lon] = pick(TOWNS);
  const n = (digits: number) => String(Math.floor(rnd() * 10 ** digits)).padStart(digits, '0');
  return [
    `${date.replaceAll('-', '')}-${String(serial).padStart(5, '0')}`, plan.kinds[index], date, n(10),
    `${surname} ${pick(GIVEN)}`, kana, `石川県金沢市${town}${1 + Math.floor(rnd() * 5)}丁目${n(2)}-${n(2)}`, sheet,
    n(6), `M${n(8)}`, String(pick(DIAMETERS)), String(Math.floor(rnd() * 9000)), String(Math.floor(rnd() * 60)),
    meterWork, `090-0000-${n(4)}`, pick(REMARKS), (lat + rnd() * 0.01).toFixed(6), (lon + rnd() * 0.01).toFixed(6),
  ].join(',');
}

/** Meter work of the month's orders: the first installs on 開栓, the first removals on 閉栓, spread out. */
function meterWorks(kinds: readonly string[]): string[] {
  let installs = INSTALLS_PER_MONTH;
  let removals = REMOVALS_PER_MONTH;
  return kinds.map((kind, i) => {
    if (kind === '開栓' && installs > 0 && i % 15 === 0) {
      installs--;
      return '取付';
    }
    if (kind === '閉栓' && removals > 0 && i % 20 === 0) {
      removals--;
      return '引上';
    }
    return '';
  });
}

/** The rows of the file, header first, without line ends: a year of 別表1 volumes plus `total` beyond it as その他. */
export function* workOrderLines(total: number): Generator<string> {
  const rnd = seededRandom(20260327); // the same file every run
  yield HEADER;
  let serial = 0;
  for (const plan of monthPlans(total)) {
    const works = meterWorks(plan.kinds);
    for (let i = 0; i < plan.kinds.length; i++) yield line(plan, i, ++serial, rnd, works[i] ?? '');
  }
}

/** The CSV as the bureau's Windows system writes it: CP932, CRLF. */
export function workOrderCsv(total: number): { bytes: Buffer; rows: number } {
  const lines = [...workOrderLines(total)];
  return { bytes: iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932'), rows: lines.length - 1 };
}
