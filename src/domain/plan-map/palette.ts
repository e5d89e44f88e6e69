/**
 * Colours and marker shapes of the plan map: 12 colours that stay apart on white (and from the black office) and 5
 * shapes, both changing from one row to the next (row i: colour i mod 12, shape i mod 5), so that neighbouring rows
 * differ by shape too (for readers who cannot tell the colours apart) and, 12 and 5 being coprime, up to 60 workers
 * look different; beyond that they repeat and only the row number drawn at each route's first stop tells them apart.
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

/** The style of the worker on plan row `index` (0-based): the next colour and the next shape. */
export function styleOf(index: number): WorkerStyle {
  if (!Number.isInteger(index) || index < 0) throw new RangeError('style index must be a non-negative integer');
  return { colour: PALETTE[index % PALETTE.length]!, shape: SHAPES[index % SHAPES.length]! };
}
