import type { Block } from '../../domain/reports/report-document.ts';
import { LINE_GAP, MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { firstFieldRowHeight } from './fields-renderer.ts';
import { tableLeadHeight } from './table-renderer.ts';
import { wrapText } from './text-metrics.ts';

/**
 * Keep-with-next for headings: a heading starts a new page unless it fits together with the start of what follows
 * it (the first line of a paragraph, the first field row, a table's header and first row; through spacers and
 * further headings). So no heading is left alone at the foot of a page, whatever the document.
 */
export const HEADING_GAP = { above: 6, below: 2 };

export function headingHeight(cursor: PageCursor, text: string): number {
  const lines = wrapText(cursor.fonts.bold, text, SIZES.heading, cursor.contentWidth).length;
  return HEADING_GAP.above + lines * SIZES.heading * LINE_GAP + HEADING_GAP.below;
}

/** Room the heading at `blocks[index]` needs on its page, capped at a whole page (a fresh page is all there is). */
export function keptHeight(cursor: PageCursor, blocks: readonly Block[], index: number): number {
  let height = 0;
  for (let i = index; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.type === 'heading') height += headingHeight(cursor, block.text);
    else if (block.type === 'spacer') height += block.height;
    else {
      height += leadHeight(cursor, block);
      break;
    }
  }
  return Math.min(height, cursor.page.getHeight() - MARGIN.top - MARGIN.bottom - 1);
}

/** The first piece of a block that may not be parted from a heading above it. */
function leadHeight(cursor: PageCursor, block: Exclude<Block, { type: 'heading' | 'spacer' }>): number {
  switch (block.type) {
    case 'title':
      return 6 + SIZES.title * LINE_GAP;
    case 'paragraph':
      return (block.size ?? SIZES.body) * LINE_GAP;
    case 'fields':
      return firstFieldRowHeight(cursor, block);
    case 'table':
      return tableLeadHeight(cursor, block);
    case 'photo':
      return block.height + 4; // drawn whole: the photo box and its lines beside it
  }
}
