import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoFiles } from '../../src/assembly/examples/example-loader.ts';

/** Synthetic team of the soak: w01…wNN workers, s01 the day's supervisor, c01 the bureau contact. */
export const workerIds = (count: number) => Array.from({ length: count }, (_, i) => `w${String(i + 1).padStart(2, '0')}`);
export const slackIdOf = (personId: string) => `U${personId.toUpperCase()}`;

function person(id: string, affiliation: 'contractor' | 'bureau', n: number, extra = ''): string {
  const card = affiliation === 'contractor' ? `\n    idCard: { number: "SK-${id}", expiresOn: 2027-03-31 }` : '';
  return `  - id: ${id}
    affiliation: ${affiliation}
    name: 試験 ${id}${n}
    phone: 090-1111-${String(n).padStart(4, '0')}${card}${extra}
    chat: { slack: ${slackIdOf(id)}, console: ${id} }`;
}

export function soakStaffYaml(workers: string[]): string {
  const people = [...workers.map((id, i) => person(id, 'contractor', i + 1)), person('s01', 'contractor', 90, '\n    canSupervise: true'), person('c01', 'bureau', 91)];
  return `people:
${people.join('\n')}
defaultStaffing:
  workers: [${workers.join(', ')}, s01]
  supervisors: [s01]
afterHoursRoster:
  - people: [${workers.slice(0, 2).join(', ')}]
contactCharts:
  doubt:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
  incident:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
channels:
  bureau: { slack: C0BUREAU }
`;
}

const HEADER = '作業番号,作業種別,作業予定日,お客さま番号,使用者名,使用者名カナ,住所,地図版,水栓番号,メーター番号,口径,前回指針,前回使用量,メーター作業,連絡先電話番号,備考,緯度,経度';
const TOWNS = ['諸江町', '鞍月', '広坂', '片町', '長町', '寺町', '東山', '駅西本町', '野町', '有松'];

/** `count` orders of `date`, open and close alternating, no meter work, previous reading 1000 + n. */
export function soakOrdersCsv(date: string, count: number): string {
  const compact = date.replaceAll('-', '');
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const town = TOWNS[i % TOWNS.length]!;
    const lat = (36.55 + (i % 30) * 0.002).toFixed(6);
    const lon = (136.62 + Math.floor(i / 30) * 0.002).toFixed(6);
    const kind = n % 2 === 1 ? '開栓' : '閉栓';
    const no = String(n).padStart(4, '0');
    return `${compact}-${no},${kind},${date},99${String(n).padStart(8, '0')},架空 ${no},ｶｸｳ,石川県金沢市${town}${(i % 9) + 1}丁目${n}-1,北,${700000 + n},M9${String(n).padStart(7, '0')},20,${1000 + n},20,,090-0000-${no},,${lat},${lon}`;
  });
  return `\uFEFF${[HEADER, ...rows].join('\n')}\n`;
}

export function writeSoakFiles(dir: string, date: string, workers: string[], orders: number): DemoFiles {
  const files = { staff: join(dir, 'staff.yaml'), orders: join(dir, `work-orders-${date}.csv`) };
  writeFileSync(files.staff, soakStaffYaml(workers));
  writeFileSync(files.orders, soakOrdersCsv(date, orders));
  return files;
}

/**
 * What a worker types to report an order without meter work: the result line, then はい to the echo. An 開栓 finds
 * the meter where the 閉栓 left it (a different reading would ask for its その旨 statement).
 */
export function resultLines(o: { orderNo: string; kind: string; previousReading: number | null }): string[] {
  const serial = o.orderNo.slice(-4);
  const previous = o.previousReading ?? 0;
  return o.kind === 'open' ? [`${serial} 開栓完了 指針${previous} 在宅 散水栓出る`, 'はい'] : [`${serial} 閉栓完了 封印 指針${previous + 3} 散水栓なし 不在`, 'はい'];
}
