import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * Poppler's pdffonts and qpdf on a PDF (both optional on a machine: tests skip without them), and the fonts' own
 * dictionaries read with pdf-lib.
 */
export function hasTool(name: string, versionFlag = '-v'): boolean {
  return spawnSync(name, [versionFlag], { encoding: 'utf8' }).error === undefined;
}

function onFile<T>(pdf: Uint8Array, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-pdftool-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfFontRow {
  name: string;
  type: string;
  emb: string;
  sub: string;
  uni: string;
}

/** pdffonts' table: name, type, encoding, emb, sub, uni, object id (the type has spaces: read from the right). */
export function pdffonts(pdf: Uint8Array): PdfFontRow[] {
  const run = onFile(pdf, (file) => spawnSync('pdffonts', [file], { encoding: 'utf8' }));
  if (run.status !== 0) throw new Error(`pdffonts failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      const [uni, sub, emb] = cells.slice(-5, -2).reverse() as [string, string, string];
      return { name: cells[0]!, type: cells.slice(1, -6).join(' '), emb, sub, uni };
    });
}

/** qpdf --check: exit 0 is a clean file, 3 warnings, 2 errors. */
export function qpdfCheck(pdf: Uint8Array): { status: number | null; output: string } {
  const run = onFile(pdf, (file) => spawnSync('qpdf', ['--check', file], { encoding: 'utf8' }));
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Each embedded TrueType program: the descriptor's FontName, its /Length1 and the decoded length. */
export async function fontPrograms(pdf: Uint8Array): Promise<{ name: string; length1: number | undefined; decoded: number }[]> {
  const doc = await PDFDocument.load(pdf);
  const out: { name: string; length1: number | undefined; decoded: number }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const ref = object.get(PDFName.of('FontFile2'));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (!(stream instanceof PDFRawStream)) continue;
    const length1 = stream.dict.get(PDFName.of('Length1'));
    out.push({
      name: String(object.get(PDFName.of('FontName'))).replace(/^\//, ''),
      length1: length1 instanceof PDFNumber ? length1.asNumber() : undefined,
      decoded: decodePDFRawStream(stream).decode().length,
    });
  }
  return out;
}
