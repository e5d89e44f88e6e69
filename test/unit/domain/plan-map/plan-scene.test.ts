import { describe, expect, it } from 'vitest';
import { haversineKm, type LatLon } from '../../../../src/domain/assignment/geo.ts';
import { DISTINCT_STYLES, PALETTE, styleOf } from '../../../../src/domain/plan-map/palette.ts';
import { buildPlanMap, labelSize, MAP_FRAME, type SceneItem } from '../../../../src/domain/plan-map/plan-scene.ts';
import { fitProjection, scaleBarKm } from '../../../../src/domain/plan-map/projection.ts';

const OFFICE: LatLon = { latitude: 36.5613, longitude: 136.6447 };
const at = (dLat: number, dLon: number): LatLon => ({ latitude: OFFICE.latitude + dLat, longitude: OFFICE.longitude + dLon });
const frame = { width: 400, height: 300, margin: 20 };

describe('fitProjection', () => {
  it('keeps km the same in both directions (cos(latitude) scaling) and fits the extent inside the margin, centred', () => {
    const points = [OFFICE, at(0.03, 0), at(0, 0.08), at(-0.03, -0.03)]; // centred on the office's latitude
    const p = fitProjection(points, frame);
    const east = at(0, 0.01);
    const north = at(0.01 * (haversineKm(OFFICE, east) / haversineKm(OFFICE, at(0.01, 0))), 0);
    const o = p.project(OFFICE);
    const pxEast = p.project(east).x - o.x;
    const pxNorth = o.y - p.project(north).y;
    expect(pxEast).toBeGreaterThan(0);
    expect(pxNorth / pxEast).toBeCloseTo(1, 4);
    expect(pxEast * p.kmPerPixel).toBeCloseTo(haversineKm(OFFICE, east), 4);
    const xs = points.map((q) => p.project(q).x);
    const ys = points.map((q) => p.project(q).y);
    for (const x of xs) expect(x).toBeGreaterThanOrEqual(frame.margin - 1e-9), expect(x).toBeLessThanOrEqual(frame.width - frame.margin + 1e-9);
    for (const y of ys) expect(y).toBeGreaterThanOrEqual(frame.margin - 1e-9), expect(y).toBeLessThanOrEqual(frame.height - frame.margin + 1e-9);
    // The longer side touches its margins; the other is centred.
    const fills = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    expect(Math.max(fills[0]! / (frame.width - 40), fills[1]! / (frame.height - 40))).toBeCloseTo(1, 6);
    expect((Math.max(...xs) + Math.min(...xs)) / 2).toBeCloseTo(frame.width / 2, 6);
    expect((Math.max(...ys) + Math.min(...ys)) / 2).toBeCloseTo(frame.height / 2, 6);
    // North is up.
    expect(p.project(at(0.03, 0)).y).toBeLessThan(o.y);
  });

  it('shows at least 1 km for a single point, which lands in the middle', () => {
    const p = fitProjection([OFFICE], frame);
    expect(p.project(OFFICE)).toEqual({ x: 200, y: 150 });
    expect(p.kmPerPixel).toBeCloseTo(1 / 260, 9);
  });

  it('refuses nothing to fit and a margin that leaves no room', () => {
    expect(() => fitProjection([], frame)).toThrow(RangeError);
    expect(() => fitProjection([OFFICE], { width: 40, height: 40, margin: 20 })).toThrow(RangeError);
  });
});

describe('scaleBarKm', () => {
  it('takes the longest round length that fits', () => {
    expect(scaleBarKm(0.01, 216)).toBe(2); // 2 km = 200 px
    expect(scaleBarKm(0.01, 150)).toBe(1);
    expect(scaleBarKm(0.001, 216)).toBe(0.2);
    expect(scaleBarKm(10, 5)).toBe(50);
    expect(scaleBarKm(10, 0.001)).toBe(0.05); // nothing fits: the shortest
  });
});

describe('styleOf', () => {
  it('gives 60 workers 60 different colour-and-shape pairs, neighbours differing in both, then repeats', () => {
    const keys = Array.from({ length: DISTINCT_STYLES }, (_, i) => `${styleOf(i).colour.key}/${styleOf(i).shape}`);
    expect(DISTINCT_STYLES).toBe(60);
    expect(new Set(keys).size).toBe(60);
    for (let i = 1; i < 70; i++) {
      expect(styleOf(i).colour).not.toEqual(styleOf(i - 1).colour);
      expect(styleOf(i).shape).not.toBe(styleOf(i - 1).shape);
    }
    expect(styleOf(0)).toEqual({ colour: PALETTE[0], shape: 'circle' });
    expect(styleOf(1)).toEqual({ colour: PALETTE[1], shape: 'square' });
    expect(styleOf(5)).toEqual({ colour: PALETTE[5], shape: 'circle' });
    expect(styleOf(12)).toEqual({ colour: PALETTE[0], shape: 'triangle' });
    expect(styleOf(60)).toEqual(styleOf(0));
    expect(() => styleOf(-1)).toThrow(RangeError);
  });

  it('has colours far apart from each other and from black and white', () => {
    const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((v, i) => v - b[i]!));
    for (const [i, a] of PALETTE.entries()) {
      expect(dist(a.rgb, [0, 0, 0]), a.key).toBeGreaterThan(100);
      expect(dist(a.rgb, [255, 255, 255]), a.key).toBeGreaterThan(100);
      for (const b of PALETTE.slice(i + 1)) expect(dist(a.rgb, b.rgb), `${a.key}/${b.key}`).toBeGreaterThan(60);
    }
  });
});

const ofKind = <K extends SceneItem['kind']>(items: SceneItem[], kind: K) => items.filter((i): i is Extract<SceneItem, { kind: K }> => i.kind === kind);

describe('buildPlanMap', () => {
  it('draws per row a route from the office through the stops in visit order and back, stand-in positions left out', () => {
    const map = buildPlanMap({
      office: OFFICE,
      routes: [
        [{ position: at(0.01, 0.01), visited: true }, { position: null, visited: false }, { position: at(0.02, 0.01), visited: false }],
        [],
        [{ position: at(-0.01, -0.02), visited: false }],
      ],
    });
    expect(map.notDrawn).toBe(1);
    expect(map.legend.map((l) => [l.row, l.style.colour.key, l.drawnStops])).toEqual([[1, 'red', 2], [2, 'blue', 0], [3, 'green', 1]]);
    const items = map.scene!.items;
    const office = ofKind(items, 'office');
    expect(office).toHaveLength(1);
    const markers = ofKind(items, 'marker');
    expect(markers.map((m) => [m.rgb, m.hollow])).toEqual([[PALETTE[0]!.rgb, true], [PALETTE[0]!.rgb, false], [PALETTE[2]!.rgb, false]]);
    const red = ofKind(items, 'line').filter((l) => l.rgb === PALETTE[0]!.rgb);
    const path = [office[0]!.at, markers[0]!.at, markers[1]!.at, office[0]!.at];
    expect(red.map((l) => l.points)).toEqual([[path[0], path[1]], [path[2], path[3]], [path[1], path[2]]]);
    expect(red[2]!.width).toBeGreaterThan(red[0]!.width); // the spokes to the office are thinner
    // Kinds in drawing order: lines under the stops, the office and the labels on top.
    const order = items.map((i) => i.kind);
    expect(order.lastIndexOf('line')).toBeLessThan(order.indexOf('marker'));
    expect(order.lastIndexOf('marker')).toBeLessThan(order.indexOf('office'));
  });

  it('writes only row numbers and the scale length: digits, ".", "k", "m" and spaces', () => {
    const routes = Array.from({ length: 14 }, (_, i) => [{ position: at(0.001 * i, 0.002 * i), visited: false }]);
    const labels = ofKind(buildPlanMap({ office: OFFICE, routes }).scene!.items, 'label');
    expect(labels.map((l) => l.text)).toEqual([...Array.from({ length: 14 }, (_, i) => String(i + 1)), expect.stringMatching(/^[\d.]+ km$/)]);
    for (const l of labels) expect(l.text).toMatch(/^[0-9. km]+$/);
  });

  it('places crowded row numbers apart from each other and off the stops while there is a free spot', () => {
    const routes = Array.from({ length: 4 }, (_, i) => [{ position: at(0.02 + 0.00001 * i, 0.02), visited: false }, { position: at(-0.02, 0), visited: false }]);
    routes[0]!.push({ position: at(0.0203, 0.0203), visited: false }); // a stop where the first label would go
    const items = buildPlanMap({ office: OFFICE, routes }).scene!.items;
    const boxes = ofKind(items, 'label').slice(0, 4).map((l) => ({ ...l.at, ...labelSize(l.text, l.scale) }));
    const stops = ofKind(items, 'marker').map((m) => ({ x: m.at.x - m.radius, y: m.at.y - m.radius, width: 2 * m.radius, height: 2 * m.radius }));
    type Rect = { x: number; y: number; width: number; height: number };
    const apart = (a: Rect, b: Rect) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) expect(apart(a, b)).toBe(true);
      for (const s of stops) expect(apart(a, s)).toBe(true);
    }
  });

  it("rings an estimated stop above the other markers, even on another worker's stop, and counts it as estimated", () => {
    const shared = at(0.01, 0.01); // worker 2's town centre is worker 1's one located order of that town
    const map = buildPlanMap({
      office: OFFICE,
      routes: [
        [{ position: shared, visited: false }, { position: at(0.02, 0.02), visited: false }],
        [{ position: shared, visited: false, estimated: true }, { position: null, visited: false }],
      ],
    });
    expect(map.legend.map((l) => [l.row, l.drawnStops, l.estimatedStops])).toEqual([[1, 2, 0], [2, 0, 1]]);
    expect([map.notDrawn, map.estimated]).toEqual([2, 1]); // not at its own place: the ringed one and the stand-in
    const items = map.scene!.items;
    const [ring] = ofKind(items, 'ring');
    expect(ring).toMatchObject({ rgb: PALETTE[1]!.rgb });
    const markers = ofKind(items, 'marker');
    expect(markers.map((m) => [m.rgb, m.shape])).toEqual([[PALETTE[0]!.rgb, 'circle'], [PALETTE[0]!.rgb, 'circle'], [PALETTE[1]!.rgb, 'square']]);
    expect(ring!.at).toEqual(markers[0]!.at);
    expect(ring!.radius).toBeGreaterThan(markers[0]!.radius + 2); // seen around the stop under it
    expect(markers[2]!.radius).toBeLessThan(markers[0]!.radius);
    const order = items.map((i) => i.kind);
    expect(order.indexOf('ring')).toBeGreaterThan(order.indexOf('marker'));
    expect(ofKind(items, 'line').filter((l) => l.rgb === PALETTE[1]!.rgb)).toHaveLength(2); // its route: there and back
  });

  it('has no picture when no stop has a real position, and counts them', () => {
    const map = buildPlanMap({ office: OFFICE, routes: [[{ position: null, visited: false }], [{ position: null, visited: true }]] });
    expect(map.scene).toBeUndefined();
    expect([map.notDrawn, map.estimated]).toEqual([2, 0]);
  });

  it('puts a scale bar of a round length in the bottom left, its pixels matching its km', () => {
    const map = buildPlanMap({ office: OFFICE, routes: [[{ position: at(0.05, 0.08), visited: false }]] });
    const [bar] = ofKind(map.scene!.items, 'bar');
    const km = Number(ofKind(map.scene!.items, 'label').at(-1)!.text.replace(' km', ''));
    const p = fitProjection([OFFICE, at(0.05, 0.08)], MAP_FRAME);
    expect((bar!.to.x - bar!.from.x) * p.kmPerPixel).toBeCloseTo(km, 9);
    expect(bar!.to.x - bar!.from.x).toBeLessThanOrEqual((MAP_FRAME.width - 2 * MAP_FRAME.margin) / 4);
    expect(bar!.from.y).toBeGreaterThan(MAP_FRAME.height - MAP_FRAME.margin);
  });
});
