import type { LatLon } from '../assignment/geo.ts';
import { styleOf, type MarkerShape, type Rgb, type WorkerStyle } from './palette.ts';
import { fitProjection, scaleBarKm, type Frame, type Point } from './projection.ts';

/**
 * The day's plan as a drawing: per worker (plan row) a polyline office → stops in visit order → office and a marker
 * per stop in the worker's colour and shape (hollow when visited), the office as a black square, the row number next
 * to each route's first stop and a scale bar. A stop at an estimated position (the centre of its town or map sheet)
 * is a small marker inside a ring of the worker's colour, drawn above the other markers, so that it shows even on
 * another worker's stop. Stops placed on stand-in positions (nothing located to lean on) are left out: their place
 * means nothing on a map. The only text is digits and "km": no name, address or number of an order or customer.
 */
export interface MapStop {
  /** null: no real position (a stand-in placement): not drawn. */
  position: LatLon | null;
  visited: boolean;
  /** The position is estimated (town or map sheet centre), not the order's own. */
  estimated?: boolean;
}

export interface PlanMapInput {
  office: LatLon;
  /** One per plan row, in the plan message's order (row 1 first). */
  routes: readonly (readonly MapStop[])[];
}

export type SceneItem =
  | { kind: 'line'; points: Point[]; rgb: Rgb; width: number }
  | { kind: 'marker'; shape: MarkerShape; at: Point; radius: number; rgb: Rgb; hollow: boolean }
  | { kind: 'ring'; at: Point; radius: number; rgb: Rgb }
  | { kind: 'office'; at: Point; radius: number }
  | { kind: 'label'; at: Point; text: string; scale: number }
  | { kind: 'bar'; from: Point; to: Point };

export interface PlanScene {
  width: number;
  height: number;
  /** Drawn in order: lines, then stops, estimated stops (ring and marker), the office, labels and the scale bar on top. */
  items: SceneItem[];
}

export interface LegendEntry {
  row: number; // 1-based, as in the plan message
  style: WorkerStyle;
  /** Stops drawn at their own position. */
  drawnStops: number;
  /** Stops drawn (ringed) at an estimated position. */
  estimatedStops: number;
}

export interface PlanMap {
  /** Absent when no stop has a real position. */
  scene?: PlanScene;
  legend: LegendEntry[];
  /** Orders not drawn at their own position: the estimated ones (ringed) and the stand-ins (not drawn at all). */
  notDrawn: number;
  /** Of notDrawn, those drawn ringed at an estimated position. */
  estimated: number;
}

export const MAP_FRAME: Frame = { width: 960, height: 720, margin: 48 };
const LINE_WIDTH = 3;
const OFFICE_LEG_WIDTH = 1.5; // thinner to and from the office: the clusters stand out, not the spokes
const STOP_RADIUS = 6;
const ESTIMATED_RADIUS = 3; // the marker inside the ring
const RING_RADIUS = 10;
const OFFICE_RADIUS = 9;
const LABEL_SCALE = 2;

export function buildPlanMap(input: PlanMapInput, frame: Frame = MAP_FRAME): PlanMap {
  const drawn = input.routes.map((stops) => stops.filter((s): s is MapStop & { position: LatLon } => s.position !== null));
  const legend = drawn.map((stops, i) => {
    const estimatedStops = stops.filter((s) => s.estimated === true).length;
    return { row: i + 1, style: styleOf(i), drawnStops: stops.length - estimatedStops, estimatedStops };
  });
  const estimated = legend.reduce((n, l) => n + l.estimatedStops, 0);
  const notDrawn = input.routes.reduce((n, stops) => n + stops.length, 0) - legend.reduce((n, l) => n + l.drawnStops, 0);
  if (drawn.every((stops) => stops.length === 0)) return { legend, notDrawn, estimated };
  const projection = fitProjection([input.office, ...drawn.flat().map((s) => s.position)], frame);
  const office = projection.project(input.office);
  const lines: SceneItem[] = [];
  const markers: SceneItem[] = [];
  const ringed: SceneItem[] = [];
  const firstStops: { row: number; at: Point }[] = [];
  const allStops: Point[] = [];
  drawn.forEach((stops, i) => {
    if (stops.length === 0) return;
    const { colour, shape } = styleOf(i);
    const points = stops.map((s) => projection.project(s.position));
    lines.push({ kind: 'line', points: [office, points[0]!], rgb: colour.rgb, width: OFFICE_LEG_WIDTH });
    lines.push({ kind: 'line', points: [points.at(-1)!, office], rgb: colour.rgb, width: OFFICE_LEG_WIDTH });
    if (points.length > 1) lines.push({ kind: 'line', points, rgb: colour.rgb, width: LINE_WIDTH });
    stops.forEach((s, k) => {
      const at = points[k]!;
      if (!s.estimated) return markers.push({ kind: 'marker', shape, at, radius: STOP_RADIUS, rgb: colour.rgb, hollow: s.visited });
      ringed.push({ kind: 'ring', at, radius: RING_RADIUS, rgb: colour.rgb }, { kind: 'marker', shape, at, radius: ESTIMATED_RADIUS, rgb: colour.rgb, hollow: false });
    });
    firstStops.push({ row: i + 1, at: points[0]! });
    allStops.push(...points);
  });
  const labels = placeLabels(firstStops, office, allStops);
  const items = [...lines, ...markers, ...ringed, { kind: 'office' as const, at: office, radius: OFFICE_RADIUS }, ...labels, ...scaleBar(projection.kmPerPixel, frame)];
  return { scene: { width: frame.width, height: frame.height, items }, legend, notDrawn, estimated };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The size of a label's text (the map's 5 × 7 font, one column between characters). */
export const labelSize = (text: string, scale: number) => ({ width: (text.length * 6 - 1) * scale, height: 7 * scale });

/** Where a label may sit around its stop: right/left/centred (x) and above/below/level (y), in order of preference. */
const LABEL_SPOTS: readonly (readonly [number, number])[] = [[1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1], [1, 0], [-1, 0]];

function spotBox(at: Point, [sx, sy]: readonly [number, number], width: number, height: number): Box {
  const gap = STOP_RADIUS + 2;
  const x0 = sx > 0 ? at.x + gap : sx < 0 ? at.x - gap - width : at.x - width / 2;
  const y0 = sy < 0 ? at.y - gap - height : sy > 0 ? at.y + gap : at.y - height / 2;
  return { x0, y0, x1: x0 + width, y1: y0 + height };
}

/**
 * Each route's row number next to its first stop: the first of eight spots around the stop where it overlaps no label
 * placed before it, the office or a stop; the first spot with no label on it when every one is taken, else the first.
 */
function placeLabels(firstStops: readonly { row: number; at: Point }[], office: Point, stops: readonly Point[]): SceneItem[] {
  const around = (p: Point, r: number): Box => ({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r });
  const marks: Box[] = [around(office, OFFICE_RADIUS), ...stops.map((p) => around(p, STOP_RADIUS))];
  const taken: Box[] = [];
  return firstStops.map(({ row, at }) => {
    const text = String(row);
    const { width, height } = labelSize(text, LABEL_SCALE);
    const boxes = LABEL_SPOTS.map((spot) => spotBox(at, spot, width, height));
    const clear = (b: Box, others: readonly Box[], pad: number) => others.every((o) => !overlaps(b, o, pad));
    const box = boxes.find((b) => clear(b, taken, 3) && clear(b, marks, 1)) ?? boxes.find((b) => clear(b, taken, 3)) ?? boxes[0]!;
    taken.push(box);
    return { kind: 'label', at: { x: box.x0, y: box.y0 }, text, scale: LABEL_SCALE };
  });
}

const overlaps = (a: Box, b: Box, pad: number) => a.x0 - pad < b.x1 && b.x0 - pad < a.x1 && a.y0 - pad < b.y1 && b.y0 - pad < a.y1;

/** Bottom left: a bar of a round length, at most a quarter of the picture wide, and its length in km above it. */
function scaleBar(kmPerPixel: number, frame: Frame): SceneItem[] {
  const km = scaleBarKm(kmPerPixel, (frame.width - 2 * frame.margin) / 4);
  const y = frame.height - frame.margin / 2;
  const from = { x: frame.margin / 2, y };
  const to = { x: from.x + km / kmPerPixel, y };
  return [
    { kind: 'bar', from, to },
    { kind: 'label', at: { x: from.x, y: y - 22 }, text: `${kmText(km)} km`, scale: LABEL_SCALE },
  ];
}

const kmText = (km: number) => String(Number(km.toFixed(2)));
