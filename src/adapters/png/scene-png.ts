import type { MarkerShape, Rgb } from '../../domain/plan-map/palette.ts';
import type { PlanScene, SceneItem } from '../../domain/plan-map/plan-scene.ts';
import { litCells } from './bitmap-font.ts';
import { encodePng } from './png-encode.ts';
import { boxAround, circleSdf, polygonSdf, RgbCanvas, type Vec } from './raster.ts';

/** The plan map's drawing as PNG bytes (pure JavaScript: node:zlib and nothing native). */
export function renderPlanScenePng(scene: PlanScene): Uint8Array {
  const canvas = new RgbCanvas(scene.width, scene.height);
  for (const item of scene.items) draw(canvas, item);
  return encodePng(scene.width, scene.height, canvas.pixels);
}

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
const HOLLOW_RING = 2.5;

export function draw(canvas: RgbCanvas, item: SceneItem): void {
  switch (item.kind) {
    case 'line':
      for (let i = 1; i < item.points.length; i++) canvas.segment(item.points[i - 1]!, item.points[i]!, item.width, item.rgb);
      return;
    case 'marker':
      return marker(canvas, item.shape, item.at, item.radius, item.rgb, item.hollow);
    case 'ring': {
      const circle = circleSdf(item.at, item.radius);
      const box = boxAround(item.at, item.radius + 3);
      canvas.fill(box, (x, y) => Math.abs(circle(x, y)) - 2.5, WHITE); // white edges keep it apart from what is under it
      canvas.fill(box, (x, y) => Math.abs(circle(x, y)) - 1.25, item.rgb);
      return;
    }
    case 'office': {
      const { at, radius: r } = item;
      canvas.rect(at.x - r - 1.5, at.y - r - 1.5, 2 * r + 3, 2 * r + 3, WHITE);
      canvas.rect(at.x - r, at.y - r, 2 * r, 2 * r, BLACK);
      canvas.rect(at.x - r + 3, at.y - r + 3, 2 * r - 6, 2 * r - 6, WHITE);
      canvas.rect(at.x - r + 5.5, at.y - r + 5.5, 2 * r - 11, 2 * r - 11, BLACK);
      return;
    }
    case 'label':
      return label(canvas, item.at, item.text, item.scale);
    case 'bar': {
      canvas.segment(item.from, item.to, 3, BLACK);
      for (const end of [item.from, item.to]) canvas.segment({ x: end.x, y: end.y - 6 }, { x: end.x, y: end.y + 6 }, 2, BLACK);
      return;
    }
  }
}

function marker(canvas: RgbCanvas, shape: MarkerShape, at: Vec, r: number, rgb: Rgb, hollow: boolean): void {
  const sdf = shapeSdf(shape, at, r);
  const box = boxAround(at, r * 1.4);
  canvas.fill(box, (x, y) => sdf(x, y) - 1.5, WHITE); // a thin white outline keeps touching markers apart
  canvas.fill(box, sdf, rgb);
  if (hollow) canvas.fill(box, (x, y) => sdf(x, y) + HOLLOW_RING, WHITE);
}

function shapeSdf(shape: MarkerShape, c: Vec, r: number) {
  const at = (dx: number, dy: number) => ({ x: c.x + dx, y: c.y + dy });
  const s = r * 0.9;
  const t = r * 1.3;
  switch (shape) {
    case 'circle':
      return circleSdf(c, r);
    case 'square':
      return polygonSdf([at(-s, -s), at(s, -s), at(s, s), at(-s, s)]);
    case 'diamond':
      return polygonSdf([at(0, -t), at(t, 0), at(0, t), at(-t, 0)]);
    case 'triangle':
      return polygonSdf([at(0, -t), at(t * 0.87, t * 0.5), at(-t * 0.87, t * 0.5)]);
    case 'invertedTriangle':
      return polygonSdf([at(-t * 0.87, -t * 0.5), at(t * 0.87, -t * 0.5), at(0, t)]);
  }
}

/** Black text with a one-pixel white halo (readable on a line, hiding little); `at` is the top left of the text. */
function label(canvas: RgbCanvas, at: Vec, text: string, scale: number): void {
  const cells = litCells(text);
  const x = Math.round(at.x);
  const y = Math.round(at.y);
  for (const { col, row } of cells) canvas.rect(x + col * scale - 1, y + row * scale - 1, scale + 2, scale + 2, WHITE);
  for (const { col, row } of cells) canvas.rect(x + col * scale, y + row * scale, scale, scale, BLACK);
}
