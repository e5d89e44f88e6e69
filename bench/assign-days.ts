/** Busy days for the assignment benches: orders gathered around town centres, as a real day is. */
import type { DayOrderInput } from '../src/domain/assignment/assign-orders.ts';
import { KANAZAWA_BOX, order, seededRandom } from '../test/support/assignment-orders.ts';

export const BENCH_DATE = '2026-03-27';

/** `count` orders around 60 towns; 1 in 8 with meter work (weight 2), 1 in 25 without coordinates. */
export function busyDay(seed: number, count: number): DayOrderInput[] {
  const rnd = seededRandom(seed);
  const towns = Array.from({ length: 60 }, (_, i) => ({
    town: `町${i}`,
    lat: KANAZAWA_BOX.south + rnd() * (KANAZAWA_BOX.north - KANAZAWA_BOX.south),
    lon: KANAZAWA_BOX.west + rnd() * (KANAZAWA_BOX.east - KANAZAWA_BOX.west),
  }));
  return Array.from({ length: count }, (_, i) => {
    const t = towns[Math.floor(rnd() * towns.length)]!;
    const located = i % 25 !== 24;
    return order(`${BENCH_DATE.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`, {
      weight: i % 8 === 7 ? 2 : 1,
      town: t.town,
      mapSheet: t.lat > 36.575 ? '北' : t.lat > 36.545 ? '中' : '南',
      latitude: located ? t.lat + (rnd() - 0.5) * 0.008 : null,
      longitude: located ? t.lon + (rnd() - 0.5) * 0.01 : null,
    });
  });
}

export const benchWorkers = (count: number) => Array.from({ length: count }, (_, i) => `w${String(i + 1).padStart(2, '0')}`);
