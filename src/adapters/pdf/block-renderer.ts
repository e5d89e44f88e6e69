import { rgb } from 'pdf-lib';
import type { Block, ParagraphBlock } from '../../domain/reports/report-document.ts';
import { LINE_GAP, MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { drawFields } from './fields-renderer.ts';
import { HEADING_GAP, keptHeight } from './keep-with-next.ts';
import { drawPhoto } from './photo-renderer.ts';
import { drawTable } from './table-renderer.ts';
import { wrapText } from './text-metrics.ts';

/** Draws a section's blocks one after the other down the pages. */
export function drawBlocks(cursor: PageCursor, blocks: readonly Block[]): void {
  blocks.forEach((block, index) => {
    if (block.type === 'heading') cursor.ensure(keptHeight(cursor, blocks, index));
    drawBlock(cursor, block);
  });
}

/** Draws one block at the cursor and moves the cursor below it. */
function drawBlock(cursor: PageCursor, block: Block): void {
  switch (block.type) {
    case 'title':
      cursor.y -= 6;
      drawParagraph(cursor, { type: 'paragraph', text: block.text, align: 'center', bold: true, size: SIZES.title });
      cursor.y -= 8;
      return;
    case 'heading':
      cursor.y -= HEADING_GAP.above;
      drawParagraph(cursor, { type: 'paragraph', text: block.text, bold: true, size: SIZES.heading });
      cursor.y -= HEADING_GAP.below;
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
  const sealWidth = block.seal ? size * 2.6 : 0; // the circle's diameter and a gap before it
  const lines = wrapText(metrics, block.text, size, cursor.contentWidth - sealWidth);
  lines.forEach((line, i) => {
    const withSeal = block.seal !== undefined && i === lines.length - 1;
    const lineHeight = withSeal ? Math.max(size * LINE_GAP, sealWidth) : size * LINE_GAP;
    cursor.ensure(lineHeight);
    const width = metrics.width(line, size);
    const x = cursor.alignedX(block.align, MARGIN.left, cursor.contentWidth, width + (withSeal ? sealWidth : 0));
    const baseline = withSeal ? cursor.y - (lineHeight + size * 0.7) / 2 : cursor.y - size * 1.1;
    cursor.text(line, x, baseline, { size, bold: block.bold });
    if (withSeal) drawSeal(cursor, block.seal!, x + width + sealWidth / 2 + size * 0.3, baseline + size * 0.35, size);
    cursor.y -= lineHeight;
  });
}

/** 「印」 in a thin circle: where the representative's seal goes. */
function drawSeal(cursor: PageCursor, mark: string, cx: number, cy: number, size: number): void {
  cursor.page.drawCircle({ x: cx, y: cy, size: size * 1.05, borderWidth: 0.7, borderColor: rgb(0, 0, 0) });
  const markSize = size * 0.95;
  const width = cursor.fonts.regular.width(mark, markSize);
  cursor.text(mark, cx - width / 2, cy - markSize * 0.36, { size: markSize });
}
