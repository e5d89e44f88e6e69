import { rgb, type PDFDocument, type PDFImage } from 'pdf-lib';
import type { PhotoBlock, ReportDocument } from '../../domain/reports/report-document.ts';
import { LINE_GAP, MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { wrapText } from './text-metrics.ts';

/** Images embedded before layout (pdf-lib embeds asynchronously, blocks are drawn synchronously), by block. */
const embedded = new WeakMap<PhotoBlock, PDFImage>();
const GAP = 14;

/** Embeds every photo of the document once, as an image XObject. */
export async function embedPhotos(pdf: PDFDocument, doc: ReportDocument): Promise<void> {
  for (const block of doc.sections.flatMap((s) => s.blocks)) {
    if (block.type !== 'photo') continue;
    const bytes = block.image.bytes;
    embedded.set(block, block.image.mime === 'image/png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes));
  }
}

/** The photo at the left margin inside a thin frame (kept whole on one page), the label: value lines beside it. */
export function drawPhoto(cursor: PageCursor, block: PhotoBlock): void {
  const image = embedded.get(block);
  if (!image) throw new Error('photo drawn before embedPhotos');
  const size = SIZES.body;
  const lineHeight = size * LINE_GAP;
  const textLeft = MARGIN.left + block.width + GAP;
  const textWidth = cursor.contentWidth - block.width - GAP;
  const { bold, regular } = cursor.fonts;
  const labelWidth = Math.max(0, ...block.rows.map((r) => bold.width(r.label, size))) + 10;
  const lines = block.rows.map((r) => ({ label: r.label, values: wrapText(regular, r.value, size, textWidth - labelWidth) }));
  const textHeight = lines.reduce((h, l) => h + l.values.length * lineHeight, 0);
  cursor.ensure(Math.max(block.height, textHeight) + 4);
  const top = cursor.y;
  const scale = Math.min(block.width / image.width, block.height / image.height);
  const [w, h] = [image.width * scale, image.height * scale];
  cursor.page.drawRectangle({ x: MARGIN.left, y: top - block.height, width: block.width, height: block.height, borderWidth: 0.5, borderColor: rgb(0, 0, 0) });
  cursor.page.drawImage(image, { x: MARGIN.left + (block.width - w) / 2, y: top - block.height + (block.height - h) / 2, width: w, height: h });
  for (const line of lines) {
    cursor.text(line.label, textLeft, cursor.y - size * 1.1, { size, bold: true });
    for (const value of line.values) {
      cursor.text(value, textLeft + labelWidth, cursor.y - size * 1.1, { size });
      cursor.y -= lineHeight;
    }
  }
  cursor.y = Math.min(cursor.y, top - block.height) - 4;
}
