import { describe, expect, it } from 'vitest';
import { BUREAU_OFFICE, DistanceMatrix, bearingFrom, centroid, haversineKm, isValidPosition } from '../../../../src/domain/assignment/geo.ts';

describe('geo', () => {
  it('measures great-circle distance in km', () => {
    // One degree of latitude is about 111.2 km anywhere.
    expect(haversineKm({ latitude: 36, longitude: 136 }, { latitude: 37, longitude: 136 })).toBeCloseTo(111.19, 1);
    // Kanazawa station (36.5781, 136.6480) to the default office: about 1.9 km.
    const station = { latitude: 36.5781, longitude: 136.648 };
    expect(haversineKm(station, BUREAU_OFFICE)).toBeGreaterThan(1.7);
    expect(haversineKm(station, BUREAU_OFFICE)).toBeLessThan(2.1);
    expect(haversineKm(station, station)).toBe(0);
  });

  it('keeps a symmetric table of distances', () => {
    const m = new DistanceMatrix([BUREAU_OFFICE, { latitude: 36.6, longitude: 136.6 }, { latitude: 36.5, longitude: 136.7 }]);
    expect(m.d(1, 2)).toBeCloseTo(haversineKm(m.points[1]!, m.points[2]!), 12);
    expect(m.d(2, 1)).toBe(m.d(1, 2));
    expect(m.d(0, 0)).toBe(0);
  });

  it('validates positions, takes centres and bearings', () => {
    expect(isValidPosition(null, 136)).toBe(false);
    expect(isValidPosition(36, Number.NaN)).toBe(false);
    expect(isValidPosition(91, 136)).toBe(false);
    expect(isValidPosition(36.5, 136.6)).toBe(true);
    expect(centroid([])).toBeNull();
    expect(centroid([{ latitude: 1, longitude: 2 }, { latitude: 3, longitude: 4 }])).toEqual({ latitude: 2, longitude: 3 });
    const north = bearingFrom(BUREAU_OFFICE, { latitude: BUREAU_OFFICE.latitude + 0.1, longitude: BUREAU_OFFICE.longitude });
    expect(north).toBeCloseTo(Math.PI / 2, 6);
  });
});
