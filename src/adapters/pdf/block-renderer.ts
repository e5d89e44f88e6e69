import type { Block, ParagraphBlock } from '../../domain/reports/report-document.ts';
import { LINE_GAP, MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { drawFields } from './fields-renderer.ts';
import { HEADING_GAP, keptHeight } from './keep-with-next.ts';
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
