import type { PlannedOrder } from './plan.ts';

const HEADER = '作業番号,作業種別,作業予定日,お客さま番号,使用者名,使用者名カナ,住所,地図版,水栓番号,メーター番号,口径,前回指針,前回使用量,メーター作業,連絡先電話番号,備考,緯度,経度';
const LABEL = { open: '開栓', close: '閉栓', transfer: '名変' } as const;
const METER_JOB = { install: '取付', remove: '引上' } as const;

/** The bureau's export of a day (Kanazawa layout, as examples/work-orders-*.csv), synthetic values only. */
export function dayFileCsv(orders: readonly PlannedOrder[]): string {
  const rows = orders.map((o) =>
    [o.orderNo, LABEL[o.kind], o.date, o.customerNo, o.name, o.kana, o.address, '北', `7${o.serial}`, `M9${o.serial}`, o.diameter, o.previousReading, 20, o.meterJob ? METER_JOB[o.meterJob] : '', o.phone, '', o.lat, o.lon].join(','),
  );
  return `\uFEFF${[HEADER, ...rows].join('\n')}\n`;
}

/**
 * A staff file: workers w01…, supervisors s01… (canSupervise), the bureau contact c01; fictitious names. The leaver
 * stays in the default staffing: their `until` ends their days.
 */
export function staffYaml(workers: readonly string[], supervisors: readonly string[], leaver: { personId: string; until: string } | null = null): string {
  const person = (id: string, n: number, affiliation: 'contractor' | 'bureau', extra = '') =>
    `  - id: ${id}\n    affiliation: ${affiliation}\n    name: 模擬 ${id}\n    phone: 090-2222-${String(n).padStart(4, '0')}` +
    (leaver?.personId === id ? `\n    until: ${leaver.until}` : '') +
    (affiliation === 'contractor' ? `\n    idCard: { number: "SM-${id}", expiresOn: 2030-03-31 }` : '') +
    `${extra}\n    chat: { console: ${id} }`;
  const people = [
    ...workers.map((w, i) => person(w, i + 1, 'contractor')),
    ...supervisors.map((s, i) => person(s, 50 + i, 'contractor', '\n    canSupervise: true')),
    person('c01', 90, 'bureau'),
  ];
  return `people:
${people.join('\n')}
defaultStaffing:
  workers: [${[...workers, supervisors[0]].join(', ')}]
  supervisors: [${supervisors[0]}]
afterHoursRoster:
  - people: [${workers.slice(0, 2).join(', ')}]
contactCharts:
  doubt:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
  incident:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
`;
}
