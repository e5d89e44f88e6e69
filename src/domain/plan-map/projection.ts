import type { LatLon } from '../assignment/geo.ts';

/**
 * Equirectangular projection onto a picture: east-west distances scaled by cos(latitude) at the centre, one scale
 * for both axes (km per pixel), the points' extent fitted inside the margin and centred, north up. Inside one city the
 * error against great-circle distances is far below a pixel.
 */
export interface Point {
  x: number;
  y: number;
}

export interface Frame {
  width: number;
  height: number;
  margin: number;
}

export interface Projection {
  project(p: LatLon): Point;
  kmPerPixel: number;
}

/** The sphere of haversineKm (geo.ts): the map's km are the route's km. */
const KM_PER_DEG = (6371.0088 * Math.PI) / 180;
/** The smallest extent shown (km): a single point, or points a few metres apart, still get a readable map. */
const MIN_SPAN_KM = 1;

export function fitProjection(points: readonly LatLon[], frame: Frame): Projection {
  if (points.length === 0) throw new RangeError('nothing to project');
  const innerW = frame.width - 2 * frame.margin;
  const innerH = frame.height - 2 * frame.margin;
  if (innerW <= 0 || innerH <= 0) throw new RangeError('margin leaves no room');
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const lat0 = (minLat + maxLat) / 2;
  const lon0 = (minLon + maxLon) / 2;
  const kmX = KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kmX, MIN_SPAN_KM);
  const spanY = Math.max((maxLat - minLat) * KM_PER_DEG, MIN_SPAN_KM);
  const kmPerPixel = Math.max(spanX / innerW, spanY / innerH);
  const cx = frame.width / 2;
  const cy = frame.height / 2;
  return {
    kmPerPixel,
    project: (p) => ({
      x: cx + ((p.longitude - lon0) * kmX) / kmPerPixel,
      y: cy - ((p.latitude - lat0) * KM_PER_DEG) / kmPerPixel,
    }),
  };
}

const NICE_KM = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/** The longest round length (km) whose bar is at most `maxPixels` long; the shortest round length if none fits. */
export function scaleBarKm(kmPerPixel: number, maxPixels: number): number {
  let best = NICE_KM[0]!;
  for (const km of NICE_KM) if (km / kmPerPixel <= maxPixels) best = km;
  return best;
}
