import type { FieldsBlock } from '../../domain/reports/report-document.ts';
import { LINE_GAP, MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { wrapText } from './text-metrics.ts';

function fieldsLayout(cursor: PageCursor, block: FieldsBlock): { labelWidth: number; blockWidth: number; left: number } {
  const labelWidth = Math.max(...block.rows.map((r) => cursor.fonts.bold.width(r.label, SIZES.body))) + 12;
  const blockWidth = block.align === 'left' ? cursor.contentWidth : cursor.contentWidth * 0.55;
  const left = block.align === 'left' ? MARGIN.left : MARGIN.left + cursor.contentWidth - blockWidth;
  return { labelWidth, blockWidth, left };
}

/** Height of the first label: value row (what keeps a heading company). */
export function firstFieldRowHeight(cursor: PageCursor, block: FieldsBlock): number {
  const row = block.rows[0];
  if (!row) return 0;
  const { labelWidth, blockWidth } = fieldsLayout(cursor, block);
  return wrapText(cursor.fonts.regular, row.value, SIZES.body, blockWidth - labelWidth).length * SIZES.body * LINE_GAP;
}

/** Label column in bold, values wrapped beside it; the block sits left or right on the page. */
export function drawFields(cursor: PageCursor, block: FieldsBlock): void {
  const size = SIZES.body;
  const lineHeight = size * LINE_GAP;
  const { labelWidth, blockWidth, left } = fieldsLayout(cursor, block);
  for (const row of block.rows) {
    const lines = wrapText(cursor.fonts.regular, row.value, size, blockWidth - labelWidth);
    cursor.ensure(lineHeight * lines.length);
    cursor.text(row.label, left, cursor.y - size * 1.1, { size, bold: true });
    for (const line of lines) {
      cursor.text(line, left + labelWidth, cursor.y - size * 1.1, { size });
      cursor.y -= lineHeight;
    }
  }
}
