import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { renderReportPdf, type PdfRenderResult } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { DOCUMENT_KINDS } from '../../support/document-kinds.ts';
import { darkPixelsIn, hasPdftoppm, renderPageGray } from '../../support/pdf-ink.ts';
import { fontPrograms, hasTool, pdffonts, qpdfCheck } from '../../support/pdf-tools.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

/**
 * Every document kind (test/support/document-kinds.ts), rendered as its command renders it, checked as a reader
 * and a PDF tool see it: each page drawn with ink where its text is (Japanese glyphs drawn, not only extractable),
 * the fonts subset-tagged (ABCDEF+Name, ISO 32000-1 §9.6.4) with /Length1, embedded, subset and with a ToUnicode
 * map (pdffonts), and no structural error (qpdf --check). The tools are optional: without one, its test is skipped.
 */
const PDFTOPPM = hasPdftoppm();
const PDFFONTS = hasTool('pdffonts');
const QPDF = hasTool('qpdf', '--version');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const subsetter = new FontSubsetter();

describe.each(DOCUMENT_KINDS)('$kind', ({ build }) => {
  let temp: TempDatabase;
  let out: PdfRenderResult;
  let heights: number[]; // points, per page (portrait or landscape)
  beforeAll(async () => {
    temp = await tempDatabase();
    out = await renderReportPdf(await build(temp), subsetter);
    heights = (await PDFDocument.load(out.bytes)).getPages().map((p) => p.getHeight());
  });
  afterAll(async () => temp.dispose());

  it.skipIf(!PDFTOPPM)('every page shows ink in each of its text boxes, Japanese ones included (needs pdftoppm, poppler-utils)', () => {
    expect(out.pageCount).toBeGreaterThan(0);
    for (let page = 0; page < out.pageCount; page++) {
      const image = renderPageGray(out.bytes, page + 1, 100);
      const boxes = out.textBoxes.filter((b) => b.page === page);
      expect(boxes.filter((b) => JAPANESE.test(b.text)).length, `page ${page + 1}`).toBeGreaterThan(0);
      for (const box of boxes) expect(darkPixelsIn(image, box, heights[page]!), `page ${page + 1}: ${box.text}`).toBeGreaterThan(0);
    }
  });

  it('names each embedded font program with a subset tag and gives its /Length1', async () => {
    const programs = await fontPrograms(out.bytes);
    expect(programs.length).toBeGreaterThanOrEqual(1);
    for (const p of programs) {
      expect(p.name).toMatch(/^[A-Z]{6}\+NotoSansJP-(Regular|Bold)$/);
      expect(p.length1).toBe(p.decoded);
    }
  });

  it.skipIf(!PDFFONTS)('pdffonts: every font tagged, embedded, subset, with unicode (needs pdffonts, poppler-utils)', () => {
    const rows = pdffonts(out.bytes);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(row, row.name).toMatchObject({ name: expect.stringMatching(/^[A-Z]{6}\+/), emb: 'yes', sub: 'yes', uni: 'yes' });
  });

  it.skipIf(!QPDF)('qpdf --check finds no error and no warning (needs qpdf)', () => {
    const check = qpdfCheck(out.bytes);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.status, check.output).toBe(0);
  });
});
