import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { PdfRenderer, RenderedPdf } from '../../application/reports/ports.ts';
import { mapTexts } from './document-texts.ts';
import { textsOf, type ReportDocument, type ReportSection } from '../../domain/reports/report-document.ts';
import { drawBlocks } from './block-renderer.ts';
import { embedSubsetFont, finishSubsetFonts } from './font-embedding.ts';
import { embedPhotos } from './photo-renderer.ts';
import { sharedFontSubsetter, type FontSubsetter, type FontWeight } from './fonts.ts';
import { MARGIN, PageCursor, SIZES, type Fonts, type TextBox } from './page-cursor.ts';
import { renderInWorker } from './pdf-worker-pool.ts';
import { FontMetrics } from './text-metrics.ts';

/** The PDF of a report document, plus where each string was drawn (for tests). */
export interface PdfRenderResult extends RenderedPdf {
  textBoxes: TextBox[];
  fontBytes: Record<FontWeight, Uint8Array>;
}

export async function renderReportPdf(doc: ReportDocument, subsetter: FontSubsetter = sharedFontSubsetter): Promise<PdfRenderResult> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(doc.title);
  pdf.setAuthor(doc.author);
  pdf.setCreator('kaiheisen');
  pdf.setLanguage('ja-JP');
  const chars = textsOf(doc).join('');
  const fontBytes = {
    regular: await subsetter.subset('regular', chars),
    bold: await subsetter.subset('bold', chars),
  };
  const fonts = await embedFonts(pdf, fontBytes);
  const clean = mapTexts(doc, (text) => fonts.regular.sanitize(text));
  const boxes: TextBox[] = [];
  await embedPhotos(pdf, clean);
  for (const section of clean.sections) drawSection(pdf, fonts, section, boxes);
  await finishSubsetFonts(pdf, [
    { font: fonts.regular.font, bytes: fontBytes.regular },
    { font: fonts.bold.font, bytes: fontBytes.bold },
  ]);
  const bytes = await pdf.save();
  return { bytes, pageCount: pdf.getPageCount(), textBoxes: boxes, fontBytes };
}

async function embedFonts(pdf: PDFDocument, bytes: Record<FontWeight, Uint8Array>): Promise<Fonts> {
  const metrics = async (weight: FontWeight) => {
    const face = fontkit.create(bytes[weight]);
    const font = await embedSubsetFont(pdf, bytes[weight], face);
    return new FontMetrics(font, (cp) => face.hasGlyphForCodePoint(cp));
  };
  return { regular: await metrics('regular'), bold: await metrics('bold') };
}

function drawSection(pdf: PDFDocument, fonts: Fonts, section: ReportSection, boxes: TextBox[]): void {
  const cursor = new PageCursor(pdf, fonts, section.orientation, section.runningHeader, boxes);
  drawBlocks(cursor, section.blocks);
  if (section.pageNumbers) drawPageNumbers(cursor, pdf, boxes);
}

/** "n / N" centred at the foot of each page of the section. */
function drawPageNumbers(cursor: PageCursor, pdf: PDFDocument, boxes: TextBox[]): void {
  const total = cursor.pages.length;
  const metrics = cursor.fonts.regular;
  const size = SIZES.small;
  cursor.pages.forEach((page, i) => {
    const label = `${i + 1} / ${total}`;
    const width = metrics.width(label, size);
    const x = (page.getWidth() - width) / 2;
    const y = MARGIN.bottom - 24;
    page.drawText(label, { x, y, size, font: metrics.font });
    boxes.push({ page: pdf.getPages().indexOf(page), x, y: y - size * 0.2, width, height: size * 1.1, text: label });
  });
}

/**
 * The port implementation the use cases get. By default the document is rendered in the PDF worker thread
 * (pdf-worker-pool.ts), off the event loop; given a subsetter, it is rendered in this thread with it (tests and
 * benchmarks that look at the subsetter).
 */
export class ReportPdfRenderer implements PdfRenderer {
  constructor(private readonly subsetter?: FontSubsetter) {}

  async render(doc: ReportDocument): Promise<RenderedPdf> {
    if (!this.subsetter) return renderInWorker(doc);
    const { bytes, pageCount } = await renderReportPdf(doc, this.subsetter);
    return { bytes, pageCount };
  }
}
