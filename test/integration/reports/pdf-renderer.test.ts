import { describe, expect, it } from 'vitest';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { A4, MARGIN } from '../../../src/adapters/pdf/page-cursor.ts';
import { renderReportPdf } from '../../../src/adapters/pdf/pdf-renderer.ts';
import type { ReportDocument } from '../../../src/domain/reports/report-document.ts';
import { charsWithoutOutline, darkPixelsIn, embeddedFonts, hasPdftoppm, renderPageGray } from '../../support/pdf-ink.ts';
import { hasRow, pdfPageItems, pdfText } from '../../support/pdf-text.ts';

const LONG = '作業者は、漏水の疑いや作業用端末の情報と現場状況が異なる等、通常の作業と異なる場合は、現場状況を写真や動画に記録し、業務責任者へ報告しなければならない。Meter No. ABC-12345 checked.';

function sampleDocument(rowCount: number): ReportDocument {
  return {
    title: '試験帳票',
    author: '試験',
    sections: [
      {
        orientation: 'portrait',
        pageNumbers: true,
        runningHeader: '試験帳票　令和8年3月分',
        blocks: [
          { type: 'title', text: '開閉栓作業月報' },
          { type: 'fields', align: 'left', rows: [{ label: '発注者', value: '金沢市企業局' }, { label: '対象期間', value: '令和8年3月分' }] },
          { type: 'paragraph', text: LONG },
          {
            type: 'table',
            columns: [
              { label: '作業番号', weight: 2, align: 'left' },
              { label: '件数', weight: 1, align: 'right' },
            ],
            rows: Array.from({ length: rowCount }, (_, i) => [`20260301-${String(i).padStart(4, '0')}`, (i * 137).toLocaleString('en-US')]),
            footerRows: [['合計', '9,654']],
          },
          { type: 'paragraph', text: '外字 \u{1F600} は〓で示す' },
          { type: 'paragraph', text: 'φ13 A13 No.20260301-0001' },
        ],
      },
      { orientation: 'landscape', pageNumbers: false, blocks: [{ type: 'title', text: '横向きの頁' }] },
    ],
  };
}

describe('pdf renderer', () => {
  it('breaks a long table over pages, repeating its header, and numbers the pages n / N', async () => {
    const out = await renderReportPdf(sampleDocument(120), new FontSubsetter());
    const pages = await pdfPageItems(out.bytes);
    expect(out.pageCount).toBe(pages.length);
    const tablePages = pages.slice(0, -1);
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const [i, items] of tablePages.entries()) {
      expect(items).toContain('作業番号');
      expect(items).toContain(`${i + 1} / ${tablePages.length}`);
    }
    expect(hasRow([tablePages[1]!], ['試験帳票', '令和8年3月分'])).toBe(true); // pdf.js splits at the wide space
    expect(pages.at(-1)).toEqual(['横向きの頁']);
    const text = await pdfText(out.bytes);
    for (let i = 0; i < 120; i++) expect(text).toContain(`20260301-${String(i).padStart(4, '0')}`);
  });

  it('right-aligns numbers, wraps long text inside the margins and puts 〓 for a missing glyph', async () => {
    const out = await renderReportPdf(sampleDocument(5), new FontSubsetter());
    const [width] = A4.portrait;
    const numbers = out.textBoxes.filter((b) => /^[\d,]+$/.test(b.text) && b.page === 0 && b.y > MARGIN.bottom);
    const rightEdges = new Set(numbers.map((b) => Math.round(b.x + b.width)));
    expect(numbers.length).toBeGreaterThanOrEqual(5);
    expect(rightEdges.size).toBe(1);
    const wrapped = out.textBoxes.filter((b) => LONG.includes(b.text) && b.text.length > 10);
    expect(wrapped.length).toBeGreaterThanOrEqual(2);
    expect(wrapped.map((b) => b.text).join('').replace(/\s/g, '')).toBe(LONG.replace(/\s/g, ''));
    for (const b of out.textBoxes) expect(b.x + b.width).toBeLessThanOrEqual(width - MARGIN.right + 0.5);
    const text = await pdfText(out.bytes);
    expect(text).toContain('外字 〓 は〓で示す');
    expect(text).toContain('φ13 A13 No.20260301-0001'); // digits beside Latin letters extract as digits
  });

  it('embeds small subsetted fonts whose every drawn character has an outline, cached per character set', async () => {
    const subsetter = new FontSubsetter();
    const first = await renderReportPdf(sampleDocument(5), subsetter);
    const second = await renderReportPdf(sampleDocument(5), subsetter);
    expect(subsetter.stats).toMatchObject({ misses: 2, hits: 2 });
    expect(first.fontBytes.regular.length).toBeLessThan(60_000);
    const fonts = await embeddedFonts(first.bytes);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/NotoSansJP-Regular.*NotoSansJP-Bold|NotoSansJP-Bold.*NotoSansJP-Regular/);
    // Subset names as ISO 32000-1 §9.6.4 asks, the tag from the glyph set: the same document, the same names.
    for (const font of fonts) expect(font.name).toMatch(/^\/[A-Z]{6}\+NotoSansJP-(Regular|Bold)$/);
    expect((await embeddedFonts(second.bytes)).map((f) => f.name)).toEqual(fonts.map((f) => f.name));
    const other = await embeddedFonts((await renderReportPdf({ ...sampleDocument(5), title: '別の字' }, subsetter)).bytes);
    expect(other.map((f) => f.name)).not.toEqual(fonts.map((f) => f.name));
    const drawn = (await pdfText(first.bytes)).replace(/\s/g, '');
    expect(drawn.length).toBeGreaterThan(100);
    for (const font of fonts) expect(charsWithoutOutline(font.face, drawn)).toEqual([]);
    // the check can fail: a character outside the subset has no outline
    expect(charsWithoutOutline(fonts[0]!.face, '鬱')).toEqual(['鬱']);
  });

  it.runIf(hasPdftoppm())('shows ink inside every text box of page 1 and none in the margin (needs pdftoppm)', async () => {
    const out = await renderReportPdf(sampleDocument(30), new FontSubsetter());
    const image = renderPageGray(out.bytes, 1, 100);
    const [, height] = A4.portrait;
    const boxes = out.textBoxes.filter((b) => b.page === 0);
    expect(boxes.length).toBeGreaterThan(20);
    for (const box of boxes) expect(darkPixelsIn(image, box, height), box.text).toBeGreaterThan(0);
    expect(darkPixelsIn(image, { x: 2, y: 60, width: MARGIN.left - 6, height: 700 }, height)).toBe(0);
  });
});
