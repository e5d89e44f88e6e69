import { centroid, isValidPosition, type LatLon } from './geo.ts';

/**
 * Where an order is taken to be for assignment and routing:
 * - exact: its own coordinates;
 * - town: no coordinates, placed at the centre of the day's located orders of the same town;
 * - sheet: no town match, placed at the centre of the located orders of the same map sheet (地図版);
 * - synthetic: nothing located to lean on; a stand-in layout around the office keeps one town's orders
 *   on one point and one map sheet's towns close together (北 north, 中 centre, 南 south). Distances
 *   between synthetic points mean nothing in km.
 */
export type PositionKind = 'exact' | 'town' | 'sheet' | 'synthetic';

export interface PlaceableOrder {
  latitude: number | null;
  longitude: number | null;
  town: string;
  mapSheet: string | null;
}

export interface Placement {
  position: LatLon;
  kind: PositionKind;
}

const SHEET_STEP_DEG = 0.08; // ≈ 9 km between the stand-in map sheets
const TOWN_RADIUS_DEG = 0.01; // towns of one stand-in sheet on a ≈ 1 km circle
const KNOWN_SHEETS: Record<string, [number, number]> = { 北: [1, 0], 中: [0, 0], 南: [-1, 0] };

export function placeOrders(orders: readonly PlaceableOrder[], depot: LatLon): Placement[] {
  const byTown = groupCentres(orders, (o) => o.town);
  const bySheet = groupCentres(orders, (o) => o.mapSheet);
  const synthetic = syntheticLayout(orders, depot);
  return orders.map((o) => {
    if (isValidPosition(o.latitude, o.longitude)) {
      return { position: { latitude: o.latitude!, longitude: o.longitude! }, kind: 'exact' };
    }
    const town = byTown.get(o.town);
    if (town) return { position: town, kind: 'town' };
    const sheet = o.mapSheet === null ? undefined : bySheet.get(o.mapSheet);
    if (sheet) return { position: sheet, kind: 'sheet' };
    return { position: synthetic(o), kind: 'synthetic' };
  });
}

function groupCentres(orders: readonly PlaceableOrder[], key: (o: PlaceableOrder) => string | null): Map<string, LatLon> {
  const points = new Map<string, LatLon[]>();
  for (const o of orders) {
    const k = key(o);
    if (k === null || !isValidPosition(o.latitude, o.longitude)) continue;
    const list = points.get(k) ?? [];
    list.push({ latitude: o.latitude!, longitude: o.longitude! });
    points.set(k, list);
  }
  const centres = new Map<string, LatLon>();
  for (const [k, list] of points) centres.set(k, centroid(list)!);
  return centres;
}

/** Stand-in positions: a sheet anchor near the office, each town of the sheet on a small circle. */
function syntheticLayout(orders: readonly PlaceableOrder[], depot: LatLon): (o: PlaceableOrder) => LatLon {
  const sheetKey = (o: PlaceableOrder) => o.mapSheet ?? '';
  const otherSheets = [...new Set(orders.map(sheetKey))].filter((s) => !(s in KNOWN_SHEETS)).sort();
  const townsOfSheet = new Map<string, string[]>();
  for (const o of orders) {
    const towns = townsOfSheet.get(sheetKey(o)) ?? [];
    if (!towns.includes(o.town)) towns.push(o.town);
    townsOfSheet.set(sheetKey(o), towns);
  }
  for (const towns of townsOfSheet.values()) towns.sort();
  return (o) => {
    const sheet = sheetKey(o);
    const [north, east] = KNOWN_SHEETS[sheet] ?? [0, 1.5 * (otherSheets.indexOf(sheet) + 1)];
    const towns = townsOfSheet.get(sheet)!;
    const angle = (2 * Math.PI * towns.indexOf(o.town)) / towns.length;
    const radius = towns.length > 1 ? TOWN_RADIUS_DEG : 0;
    return {
      latitude: depot.latitude + north * SHEET_STEP_DEG + radius * Math.sin(angle),
      longitude: depot.longitude + east * SHEET_STEP_DEG + radius * Math.cos(angle),
    };
  };
}
