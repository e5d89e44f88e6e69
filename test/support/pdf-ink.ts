import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * Proof that a PDF shows ink, not only extractable text: the glyph outlines of the fonts embedded
 * in the file, and (where poppler's pdftoppm is installed) the pixels of a rendered page.
 */
export interface EmbeddedFont {
  name: string;
  face: fontkit.Font;
  bytes: number;
}

export async function embeddedFonts(pdfBytes: Uint8Array): Promise<EmbeddedFont[]> {
  const pdf = await PDFDocument.load(pdfBytes);
  const fonts: EmbeddedFont[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const ref = object.get(PDFName.of('FontFile2'));
    const stream = ref instanceof PDFRef ? pdf.context.lookup(ref) : undefined;
    if (!(stream instanceof PDFRawStream)) continue;
    const data = decodePDFRawStream(stream).decode();
    fonts.push({ name: String(object.get(PDFName.of('FontName'))), face: fontkit.create(data), bytes: data.length });
  }
  return fonts;
}

/** Characters of `text` (spaces aside) that a font lacks or draws with an empty outline. */
export function charsWithoutOutline(face: fontkit.Font, text: string): string[] {
  const missing = new Set<string>();
  for (const ch of new Set(Array.from(text))) {
    if (/\s/.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    const commands = (face.glyphForCodePoint(cp).path as unknown as { commands: unknown[] }).commands;
    if (!face.hasGlyphForCodePoint(cp) || commands.length === 0) missing.add(ch);
  }
  return [...missing];
}

export function hasPdftoppm(): boolean {
  const probe = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
  return probe.error === undefined;
}

export interface GrayImage {
  width: number;
  height: number;
  dpi: number;
  pixels: Uint8Array; // 0 = black … 255 = white
}

/** Page `page` (1-based) rendered in grey by pdftoppm. */
export function renderPageGray(pdfBytes: Uint8Array, page: number, dpi = 60): GrayImage {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdfBytes);
    const run = spawnSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), 'in.pdf', 'out'], { cwd: dir });
    if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
    const file = readdirSync(dir).find((f) => f.startsWith('out') && f.endsWith('.pgm'));
    if (!file) throw new Error('pdftoppm wrote no page');
    return { ...parsePgm(readFileSync(join(dir, file))), dpi };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(data: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, w, h] = header as unknown as [string, string, string];
  return { width: Number(w), height: Number(h), pixels: new Uint8Array(data.subarray(whole.length)) };
}

/** Pixels darker than mid-grey inside a box given in PDF points (origin bottom-left). */
export function darkPixelsIn(
  image: GrayImage,
  box: { x: number; y: number; width: number; height: number },
  pageHeightPt: number,
): number {
  const scale = image.dpi / 72;
  const x0 = Math.max(0, Math.floor(box.x * scale));
  const x1 = Math.min(image.width, Math.ceil((box.x + box.width) * scale));
  const y0 = Math.max(0, Math.floor((pageHeightPt - box.y - box.height) * scale));
  const y1 = Math.min(image.height, Math.ceil((pageHeightPt - box.y) * scale));
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (image.pixels[y * image.width + x]! < 128) dark++;
  return dark;
}
