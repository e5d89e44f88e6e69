import { rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { Align, Orientation } from '../../domain/reports/report-document.ts';
import { fitLine, type FontMetrics } from './text-metrics.ts';

/** A4 in points; margins leave room for the running header and the page number. */
export const A4: Record<Orientation, [number, number]> = {
  portrait: [595.28, 841.89],
  landscape: [841.89, 595.28],
};
export const MARGIN = { left: 42, right: 42, top: 48, bottom: 46 };
export const SIZES = { title: 16, heading: 11, body: 10, table: 9, small: 8 };
export const LINE_GAP = 1.45;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

export interface Fonts {
  regular: FontMetrics;
  bold: FontMetrics;
}

/** Where a string was drawn (PDF points, origin bottom-left): tests use it to look for ink. */
export interface TextBox {
  page: number; // 0-based, over the whole document
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

/** The pages of one section and the vertical position of the next block on the current one. */
export class PageCursor {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** Called after each page break, e.g. to repeat a table header. */
  onNewPage: (() => void) | undefined;

  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
    private readonly orientation: Orientation,
    private readonly runningHeader: string | undefined,
    private readonly boxes: TextBox[],
  ) {
    this.addPage();
  }

  get width(): number {
    return A4[this.orientation][0];
  }

  get contentWidth(): number {
    return this.width - MARGIN.left - MARGIN.right;
  }

  addPage(): void {
    this.page = this.pdf.addPage(A4[this.orientation]);
    this.pages.push(this.page);
    this.y = this.page.getHeight() - MARGIN.top;
    if (this.runningHeader && this.pages.length > 1) this.drawRunningHeader(this.runningHeader);
    this.onNewPage?.();
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.addPage();
  }

  text(text: string, x: number, baseline: number, opts: { bold?: boolean; size: number; grey?: boolean }): void {
    if (text === '') return;
    const metrics = opts.bold ? this.fonts.bold : this.fonts.regular;
    this.page.drawText(text, { x, y: baseline, size: opts.size, font: metrics.font, color: opts.grey ? GREY : BLACK });
    this.boxes.push({
      page: this.pdf.getPageCount() - 1,
      x,
      y: baseline - opts.size * 0.2,
      width: metrics.width(text, opts.size),
      height: opts.size * 1.1,
      text,
    });
  }

  /** x of a line of the given width aligned inside [left, left + boxWidth]. */
  alignedX(align: Align | undefined, left: number, boxWidth: number, lineWidth: number): number {
    if (align === 'right') return left + boxWidth - lineWidth;
    if (align === 'center') return left + (boxWidth - lineWidth) / 2;
    return left;
  }

  private drawRunningHeader(header: string): void {
    const size = SIZES.small;
    const line = fitLine(this.fonts.regular, header, size, this.contentWidth);
    const x = this.width - MARGIN.right - this.fonts.regular.width(line, size);
    this.text(line, x, this.page.getHeight() - MARGIN.top + 14, { size, grey: true });
  }
}
