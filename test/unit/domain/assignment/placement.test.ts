import { describe, expect, it } from 'vitest';
import { BUREAU_OFFICE, haversineKm } from '../../../../src/domain/assignment/geo.ts';
import { placeOrders } from '../../../../src/domain/assignment/placement.ts';

const at = (latitude: number, longitude: number, town: string, mapSheet: string | null = '北') => ({ latitude, longitude, town, mapSheet });
const nowhere = (town: string, mapSheet: string | null) => ({ latitude: null, longitude: null, town, mapSheet });

describe('placement of orders without coordinates', () => {
  it('puts an order at its town centre, else its map sheet centre', () => {
    const placed = placeOrders(
      [at(36.60, 136.60, '鞍月'), at(36.62, 136.62, '鞍月'), at(36.50, 136.70, '寺町', '南'), nowhere('鞍月', '北'), nowhere('野町', '南')],
      BUREAU_OFFICE,
    );
    expect(placed.map((p) => p.kind)).toEqual(['exact', 'exact', 'exact', 'town', 'sheet']);
    expect(placed[3]!.position.latitude).toBeCloseTo(36.61, 9);
    expect(placed[4]!.position).toEqual({ latitude: 36.5, longitude: 136.7 });
  });

  it('without any coordinates, keeps a town on one point and a map sheet close together', () => {
    const orders = [nowhere('A町', '北'), nowhere('B町', '北'), nowhere('A町', '北'), nowhere('C町', '南'), nowhere('D町', '中')];
    const placed = placeOrders(orders, BUREAU_OFFICE);
    expect(placed.every((p) => p.kind === 'synthetic')).toBe(true);
    expect(placed[0]!.position).toEqual(placed[2]!.position);
    const sameSheet = haversineKm(placed[0]!.position, placed[1]!.position);
    const otherSheet = Math.min(haversineKm(placed[0]!.position, placed[3]!.position), haversineKm(placed[1]!.position, placed[4]!.position));
    expect(sameSheet).toBeLessThan(otherSheet);
    expect(placed[0]!.position.latitude).toBeGreaterThan(placed[4]!.position.latitude); // 北 lies north of 中
  });
});
