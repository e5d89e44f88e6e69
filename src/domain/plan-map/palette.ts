/**
 * Colours and marker shapes of the plan map: 12 colours that stay apart on white (and from the black office), then
 * the same colours with the next shape, so that up to 60 workers look different; beyond that they repeat and only the
 * row number drawn at each route's first stop tells them apart.
 */
export type Rgb = readonly [number, number, number];

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'invertedTriangle';

export interface PaletteColour {
  /** Template key of the colour's name (assign.map.colour.<key>). */
  key: string;
  rgb: Rgb;
}

export const PALETTE: readonly PaletteColour[] = [
  { key: 'red', rgb: [214, 39, 40] },
  { key: 'blue', rgb: [31, 119, 180] },
  { key: 'green', rgb: [44, 160, 44] },
  { key: 'orange', rgb: [255, 127, 14] },
  { key: 'purple', rgb: [148, 103, 189] },
  { key: 'brown', rgb: [140, 86, 75] },
  { key: 'pink', rgb: [227, 119, 194] },
  { key: 'cyan', rgb: [23, 190, 207] },
  { key: 'olive', rgb: [160, 160, 20] },
  { key: 'navy', rgb: [0, 0, 128] },
  { key: 'grey', rgb: [127, 127, 127] },
  { key: 'teal', rgb: [0, 100, 80] },
];

export const SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'invertedTriangle'];

/** How many workers get a style of their own. */
export const DISTINCT_STYLES = PALETTE.length * SHAPES.length;

export interface WorkerStyle {
  colour: PaletteColour;
  shape: MarkerShape;
}

/** The style of the worker on plan row `index` (0-based): colours first, then shapes. */
export function styleOf(index: number): WorkerStyle {
  if (!Number.isInteger(index) || index < 0) throw new RangeError('style index must be a non-negative integer');
  const k = index % DISTINCT_STYLES;
  return { colour: PALETTE[k % PALETTE.length]!, shape: SHAPES[Math.floor(k / PALETTE.length)]! };
}
