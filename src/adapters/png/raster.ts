/**
 * An opaque RGB canvas on white with anti-aliased shapes drawn from signed distances (negative inside): each pixel
 * takes the colour in proportion to how much of it the shape covers (about one pixel of soft edge).
 */
export type Rgb = readonly [number, number, number];
type Sdf = (x: number, y: number) => number;
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface Vec {
  x: number;
  y: number;
}

export class RgbCanvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }

  /** Paints `rgb` where `sdf` < 0 inside the box, blending the one-pixel edge. */
  fill(box: Box, sdf: Sdf, rgb: Rgb): void {
    const x0 = Math.max(0, Math.floor(box.x0 - 1));
    const y0 = Math.max(0, Math.floor(box.y0 - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(box.x1 + 1));
    const y1 = Math.min(this.height - 1, Math.ceil(box.y1 + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const coverage = Math.min(1, Math.max(0, 0.5 - sdf(x + 0.5, y + 0.5)));
        if (coverage > 0) this.blend(x, y, rgb, coverage);
      }
    }
  }

  rect(x: number, y: number, w: number, h: number, rgb: Rgb): void {
    this.fill({ x0: x, y0: y, x1: x + w, y1: y + h }, (px, py) => Math.max(x - px, px - (x + w), y - py, py - (y + h)), rgb);
  }

  /** A straight stroke `width` wide with round ends. */
  segment(a: Vec, b: Vec, width: number, rgb: Rgb): void {
    const h = width / 2;
    const box = { x0: Math.min(a.x, b.x) - h, y0: Math.min(a.y, b.y) - h, x1: Math.max(a.x, b.x) + h, y1: Math.max(a.y, b.y) + h };
    this.fill(box, (x, y) => distanceToSegment(x, y, a, b) - h, rgb);
  }

  pixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.pixels[i]!, this.pixels[i + 1]!, this.pixels[i + 2]!];
  }

  private blend(x: number, y: number, rgb: Rgb, a: number): void {
    const i = (y * this.width + x) * 3;
    for (let c = 0; c < 3; c++) this.pixels[i + c] = Math.round(this.pixels[i + c]! * (1 - a) + rgb[c]! * a);
  }
}

function distanceToSegment(x: number, y: number, a: Vec, b: Vec): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - a.x) * dx + (y - a.y) * dy) / len2));
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}

export function circleSdf(c: Vec, r: number): Sdf {
  return (x, y) => Math.hypot(x - c.x, y - c.y) - r;
}

/** Signed distance to a convex polygon given clockwise on screen (y down): the largest distance outside any edge. */
export function polygonSdf(vertices: readonly Vec[]): Sdf {
  const edges = vertices.map((a, i) => {
    const b = vertices[(i + 1) % vertices.length]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    return { a, nx: (b.y - a.y) / len, ny: -(b.x - a.x) / len };
  });
  return (x, y) => Math.max(...edges.map((e) => (x - e.a.x) * e.nx + (y - e.a.y) * e.ny));
}

export function boxAround(c: Vec, r: number): Box {
  return { x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r };
}
