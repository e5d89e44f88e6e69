import { rgb, type PDFPage, type RGB } from 'pdf-lib';
import type { TableBlock, TableColumn } from '../../domain/reports/report-document.ts';
import { MARGIN, SIZES, type PageCursor } from './page-cursor.ts';
import { wrapText } from './text-metrics.ts';

/**
 * A ruled table across the content width: column widths in proportion to their weights, text
 * wrapped inside its cell, numbers right-aligned as the column says, the header row repeated at the
 * top of every page the table runs onto, footer rows (totals) in bold. Rules are drawn once per row
 * (horizontal) and once per page (vertical), which keeps long tables small and fast.
 */
const PAD_X = 3;
const PAD_Y = 1.8;
const TABLE_LINE_GAP = 1.35;
const RULE = { thickness: 0.5, color: rgb(0.3, 0.3, 0.3) };
const HEADER_FILL = rgb(0.88, 0.88, 0.88);
const FOOTER_FILL = rgb(0.95, 0.95, 0.95);
const LINE_HEIGHT = SIZES.table * TABLE_LINE_GAP;

interface RowStyle {
  bold: boolean;
  fill?: RGB;
  centred?: boolean; // header labels
}

export function drawTable(cursor: PageCursor, table: TableBlock): void {
  const widths = columnWidths(table.columns, cursor.contentWidth);
  const grid = new Grid(cursor, widths);
  const header = table.columns.map((c) => c.label);
  const headerStyle: RowStyle = { bold: true, fill: HEADER_FILL, centred: true };
  const drawHeader = () => drawRow(cursor, grid, table.columns, header, headerStyle);
  cursor.ensure(tableLeadHeight(cursor, table));
  drawHeader();
  cursor.onNewPage = () => {
    grid.flush();
    drawHeader();
  };
  try {
    if (table.rows.length === 0 && table.emptyText !== undefined) drawMergedRow(cursor, grid, table.emptyText);
    for (const row of table.rows) drawRow(cursor, grid, table.columns, row, { bold: false });
    for (const row of table.footerRows ?? []) drawRow(cursor, grid, table.columns, row, { bold: true, fill: FOOTER_FILL });
  } finally {
    cursor.onNewPage = undefined;
    grid.flush();
  }
  cursor.y -= 6;
}

/** The header row and the first row (or the empty text, or the first footer row): what starts a table on a page. */
export function tableLeadHeight(cursor: PageCursor, table: TableBlock): number {
  const widths = columnWidths(table.columns, cursor.contentWidth);
  const header = rowLines(cursor, widths, table.columns.map((c) => c.label), true).height;
  if (table.rows[0]) return header + rowLines(cursor, widths, table.rows[0], false).height;
  if (table.emptyText !== undefined) return header + mergedRowHeight(cursor, table.emptyText);
  const footer = table.footerRows?.[0];
  return footer ? header + rowLines(cursor, widths, footer, true).height : header;
}

function columnWidths(columns: TableColumn[], total: number): number[] {
  const sum = columns.reduce((s, c) => s + c.weight, 0);
  return columns.map((c) => (total * c.weight) / sum);
}

function rowLines(cursor: PageCursor, widths: number[], cells: string[], bold: boolean): { lines: string[][]; height: number } {
  const metrics = bold ? cursor.fonts.bold : cursor.fonts.regular;
  const lines = widths.map((w, i) => wrapText(metrics, cells[i] ?? '', SIZES.table, w - 2 * PAD_X));
  return { lines, height: Math.max(1, ...lines.map((l) => l.length)) * LINE_HEIGHT + 2 * PAD_Y };
}

function drawRow(cursor: PageCursor, grid: Grid, columns: TableColumn[], cells: string[], style: RowStyle): void {
  const { lines, height } = rowLines(cursor, grid.widths, cells, style.bold);
  cursor.ensure(height);
  const top = cursor.y;
  grid.row(top, top - height, style.fill);
  let x = MARGIN.left;
  columns.forEach((column, i) => {
    const width = grid.widths[i] ?? 0;
    drawCellText(cursor, lines[i] ?? [], x, width, top, style.centred ? 'center' : column.align, style.bold);
    x += width;
  });
  cursor.y = top - height;
}

function drawCellText(cursor: PageCursor, lines: string[], x: number, width: number, top: number, align: TableColumn['align'], bold: boolean): void {
  const metrics = bold ? cursor.fonts.bold : cursor.fonts.regular;
  lines.forEach((line, n) => {
    const lineX = cursor.alignedX(align, x + PAD_X, width - 2 * PAD_X, metrics.width(line, SIZES.table));
    const baseline = top - PAD_Y - n * LINE_HEIGHT - SIZES.table * 1.05;
    cursor.text(line, lineX, baseline, { size: SIZES.table, bold });
  });
}

/** One cell across the whole table (e.g. なし when there are no rows). */
function drawMergedRow(cursor: PageCursor, grid: Grid, text: string): void {
  const width = cursor.contentWidth;
  const lines = wrapText(cursor.fonts.regular, text, SIZES.table, width - 2 * PAD_X);
  const height = mergedRowHeight(cursor, text);
  cursor.ensure(height);
  grid.flush();
  const top = cursor.y;
  cursor.page.drawRectangle({ x: MARGIN.left, y: top - height, width, height, borderColor: RULE.color, borderWidth: RULE.thickness });
  drawCellText(cursor, lines, MARGIN.left, width, top, 'center', false);
  cursor.y = top - height;
}

function mergedRowHeight(cursor: PageCursor, text: string): number {
  return wrapText(cursor.fonts.regular, text, SIZES.table, cursor.contentWidth - 2 * PAD_X).length * LINE_HEIGHT + 2 * PAD_Y;
}

/** Rules of the rows drawn so far on the current page: verticals are drawn when the page ends. */
class Grid {
  private segment: { page: PDFPage; top: number; bottom: number } | undefined;
  private readonly xs: number[];

  constructor(
    private readonly cursor: PageCursor,
    readonly widths: number[],
  ) {
    this.xs = widths.reduce((xs, w) => [...xs, xs[xs.length - 1]! + w], [MARGIN.left]);
  }

  row(top: number, bottom: number, fill: RGB | undefined): void {
    const page = this.cursor.page;
    const left = MARGIN.left;
    const right = this.xs[this.xs.length - 1]!;
    if (fill) page.drawRectangle({ x: left, y: bottom, width: right - left, height: top - bottom, color: fill });
    if (this.segment?.page !== page) {
      this.flush();
      this.segment = { page, top, bottom };
    }
    if (fill || this.segment.top === top) page.drawLine({ start: { x: left, y: top }, end: { x: right, y: top }, ...RULE });
    page.drawLine({ start: { x: left, y: bottom }, end: { x: right, y: bottom }, ...RULE });
    this.segment.bottom = bottom;
  }

  flush(): void {
    const s = this.segment;
    if (!s) return;
    for (const x of this.xs) s.page.drawLine({ start: { x, y: s.top }, end: { x, y: s.bottom }, ...RULE });
    this.segment = undefined;
  }
}
