import type { Block, FieldsBlock, ParagraphBlock } from '../../domain/reports/report-document.ts';
import { LINE_GAP, MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { drawPhoto } from './photo-renderer.ts';
import { drawTable } from './table-renderer.ts';
import { wrapText } from './text-metrics.ts';

/** Draws one block at the cursor and moves the cursor below it. */
export function drawBlock(cursor: PageCursor, block: Block): void {
  switch (block.type) {
    case 'title':
      cursor.y -= 6;
      drawParagraph(cursor, { type: 'paragraph', text: block.text, align: 'center', bold: true, size: SIZES.title });
      cursor.y -= 8;
      return;
    case 'heading':
      cursor.ensure(SIZES.heading * LINE_GAP + 60); // keep a heading with what follows it
      cursor.y -= 6;
      drawParagraph(cursor, { type: 'paragraph', text: block.text, bold: true, size: SIZES.heading });
      cursor.y -= 2;
      return;
    case 'paragraph':
      drawParagraph(cursor, block);
      return;
    case 'fields':
      drawFields(cursor, block);
      return;
    case 'table':
      drawTable(cursor, block);
      return;
    case 'spacer':
      cursor.y -= block.height;
      return;
    case 'photo':
      drawPhoto(cursor, block);
      return;
  }
}

function drawParagraph(cursor: PageCursor, block: ParagraphBlock): void {
  const size = block.size ?? SIZES.body;
  const metrics = block.bold ? cursor.fonts.bold : cursor.fonts.regular;
  const lineHeight = size * LINE_GAP;
  for (const line of wrapText(metrics, block.text, size, cursor.contentWidth)) {
    cursor.ensure(lineHeight);
    const x = cursor.alignedX(block.align, MARGIN.left, cursor.contentWidth, metrics.width(line, size));
    cursor.text(line, x, cursor.y - size * 1.1, { size, bold: block.bold });
    cursor.y -= lineHeight;
  }
}

/** Label column in bold, values wrapped beside it; the block sits left or right on the page. */
function drawFields(cursor: PageCursor, block: FieldsBlock): void {
  const size = SIZES.body;
  const lineHeight = size * LINE_GAP;
  const { bold, regular } = cursor.fonts;
  const labelWidth = Math.max(...block.rows.map((r) => bold.width(r.label, size))) + 12;
  const blockWidth = block.align === 'left' ? cursor.contentWidth : cursor.contentWidth * 0.55;
  const left = block.align === 'left' ? MARGIN.left : MARGIN.left + cursor.contentWidth - blockWidth;
  for (const row of block.rows) {
    const lines = wrapText(regular, row.value, size, blockWidth - labelWidth);
    cursor.ensure(lineHeight * lines.length);
    cursor.text(row.label, left, cursor.y - size * 1.1, { size, bold: true });
    for (const line of lines) {
      cursor.text(line, left + labelWidth, cursor.y - size * 1.1, { size });
      cursor.y -= lineHeight;
    }
  }
}
