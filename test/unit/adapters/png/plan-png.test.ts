import { describe, expect, it } from 'vitest';
import { litCells } from '../../../../src/adapters/png/bitmap-font.ts';
import { crc32, encodePng } from '../../../../src/adapters/png/png-encode.ts';
import { renderPlanScenePng } from '../../../../src/adapters/png/scene-png.ts';
import type { LatLon } from '../../../../src/domain/assignment/geo.ts';
import { PALETTE } from '../../../../src/domain/plan-map/palette.ts';
import { buildPlanMap, MAP_FRAME, type SceneItem } from '../../../../src/domain/plan-map/plan-scene.ts';
import { fitProjection } from '../../../../src/domain/plan-map/projection.ts';
import { decodePng } from '../../../support/png-decode.ts';

const OFFICE: LatLon = { latitude: 36.5613, longitude: 136.6447 };
const at = (dLat: number, dLon: number): LatLon => ({ latitude: OFFICE.latitude + dLat, longitude: OFFICE.longitude + dLon });

describe('encodePng', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('writes exactly IHDR, IDAT and IEND, and the pixels read back as written', () => {
    const rgb = new Uint8Array(3 * 2 * 3).map((_, i) => (i * 37) % 256);
    const png = decodePng(encodePng(3, 2, rgb));
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height]).toEqual([3, 2]);
    expect(png.pixel(2, 1)).toEqual([...rgb.subarray(15, 18)]);
    expect(() => encodePng(3, 2, new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('the map font', () => {
  it('has digits, ".", "k", "m" and space only: a letter of a name cannot be drawn', () => {
    expect(litCells('0123456789. km').length).toBeGreaterThan(0);
    for (const text of ['a', 'w02', '山', '-']) expect(() => litCells(text), text).toThrow(RangeError);
  });
});

describe('renderPlanScenePng', () => {
  const routes = [
    [{ position: at(0.02, 0.03), visited: false }, { position: at(0.025, 0.035), visited: true }],
    [{ position: at(-0.02, -0.03), visited: false }, { position: null, visited: false }],
  ];
  const map = buildPlanMap({ office: OFFICE, routes });
  const png = decodePng(renderPlanScenePng(map.scene!));
  const projection = fitProjection([OFFICE, at(0.02, 0.03), at(0.025, 0.035), at(-0.02, -0.03)], MAP_FRAME);
  const pixelAt = (p: LatLon, dx = 0, dy = 0) => {
    const { x, y } = projection.project(p);
    return png.pixel(Math.floor(x + dx), Math.floor(y + dy));
  };

  it('is a 960 × 720 PNG with pixels only: no text, time or other metadata chunk', () => {
    expect([png.width, png.height]).toEqual([MAP_FRAME.width, MAP_FRAME.height]);
    expect(png.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it("paints each worker's stops in the worker's palette colour, the two workers differently", () => {
    const first = pixelAt(at(0.02, 0.03));
    const second = pixelAt(at(-0.02, -0.03));
    expect(first).toEqual([...PALETTE[0]!.rgb]);
    expect(second).toEqual([...PALETTE[1]!.rgb]);
    expect(first).not.toEqual(second);
  });

  it('draws a visited stop hollow: white inside, its colour at the rim', () => {
    expect(pixelAt(at(0.025, 0.035))).toEqual([255, 255, 255]);
    expect(pixelAt(at(0.025, 0.035), 0, -5)).toEqual([...PALETTE[0]!.rgb]);
  });

  it('marks the office black in the middle, with a white band around it', () => {
    expect(pixelAt(OFFICE)).toEqual([0, 0, 0]);
    expect(pixelAt(OFFICE, -8, 0)).toEqual([0, 0, 0]);
    expect(pixelAt(OFFICE, -5, 0)).toEqual([255, 255, 255]);
  });

  it('draws the route between the stops, and leaves the background white', () => {
    const mid = { latitude: OFFICE.latitude - 0.01, longitude: OFFICE.longitude - 0.015 }; // on the office → stop leg of worker 2
    const leg = pixelAt(mid);
    expect(leg).not.toEqual([255, 255, 255]);
    expect(leg[2]!).toBeGreaterThan(leg[0]!); // bluish
    expect(png.pixel(MAP_FRAME.width - 2, 2)).toEqual([255, 255, 255]);
  });

  it('writes the row numbers and the scale in black', () => {
    const labels = map.scene!.items.filter((i): i is Extract<SceneItem, { kind: 'label' }> => i.kind === 'label');
    expect(labels.map((l) => l.text.replace(/[\d.]+ km/, 'scale'))).toEqual(['1', '2', 'scale']);
    for (const l of labels) {
      const cells = litCells(l.text);
      const { col, row } = cells[0]!;
      expect(png.pixel(Math.round(l.at.x) + col * l.scale, Math.round(l.at.y) + row * l.scale), l.text).toEqual([0, 0, 0]);
    }
  });
});

describe('renderPlanScenePng, an estimated stop', () => {
  const stop = at(0.02, 0.03);
  // Worker 2's only stop is estimated at its town's centre, which is worker 1's stop.
  const routes = [[{ position: stop, visited: false }], [{ position: stop, visited: false, estimated: true }]];
  const png = decodePng(renderPlanScenePng(buildPlanMap({ office: OFFICE, routes }).scene!));
  const projection = fitProjection([OFFICE, stop], MAP_FRAME);
  const pixelAt = (dx: number, dy: number) => {
    const { x, y } = projection.project(stop);
    return png.pixel(Math.floor(x + dx), Math.floor(y + dy));
  };

  it("is ringed in its worker's colour around the other worker's stop under it", () => {
    const blue = [...PALETTE[1]!.rgb];
    expect(pixelAt(0, 0)).toEqual(blue); // the small marker on top
    expect(pixelAt(0, 10)).toEqual(blue); // the ring
    const [r, g, b] = pixelAt(0, 5); // worker 1's stop still shows between the two (edge pixels are blended)
    expect(r).toBeGreaterThan(200);
    expect(Math.max(g!, b!)).toBeLessThan(60);
  });
});
