/** Positions on the map and distances between them (great-circle, km). */
export interface LatLon {
  latitude: number;
  longitude: number;
}

/** 金沢市企業局 (the bureau office): every route starts and ends there unless configured otherwise. */
export const BUREAU_OFFICE: LatLon = { latitude: 36.5613, longitude: 136.6447 };

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLon = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isValidPosition(latitude: number | null, longitude: number | null): boolean {
  if (latitude === null || longitude === null) return false;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return false;
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
}

/** Plain mean of latitudes and longitudes: good enough inside one city. */
export function centroid(points: readonly LatLon[]): LatLon | null {
  if (points.length === 0) return null;
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    lat += p.latitude;
    lon += p.longitude;
  }
  return { latitude: lat / points.length, longitude: lon / points.length };
}

/** Angle of `p` seen from `origin` (radians, -π … π, east = 0, north = π/2), on a local flat projection. */
export function bearingFrom(origin: LatLon, p: LatLon): number {
  const x = (p.longitude - origin.longitude) * Math.cos(origin.latitude * RAD);
  const y = p.latitude - origin.latitude;
  return Math.atan2(y, x);
}

/** Distances between numbered points, computed on first use and kept. */
export class DistanceMatrix {
  private readonly cache: Float64Array;

  constructor(readonly points: readonly LatLon[]) {
    this.cache = new Float64Array(points.length * points.length).fill(-1);
  }

  get size(): number {
    return this.points.length;
  }

  d(i: number, j: number): number {
    if (i === j) return 0;
    const n = this.points.length;
    const cached = this.cache[i * n + j]!;
    if (cached >= 0) return cached;
    const km = haversineKm(this.points[i]!, this.points[j]!);
    this.cache[i * n + j] = km;
    this.cache[j * n + i] = km;
    return km;
  }

  /** Every distance, as one row-major table (the table is shared with this matrix: do not write to it). */
  full(): Float64Array {
    const n = this.points.length;
    for (let i = 0; i < n; i++) {
      this.cache[i * n + i] = 0;
      for (let j = i + 1; j < n; j++) if (this.cache[i * n + j]! < 0) this.d(i, j);
    }
    return this.cache;
  }
}
