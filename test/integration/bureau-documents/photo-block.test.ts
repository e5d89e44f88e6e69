import { describe, expect, it } from 'vitest';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { A4, MARGIN } from '../../../src/adapters/pdf/page-cursor.ts';
import { renderReportPdf } from '../../../src/adapters/pdf/pdf-renderer.ts';
import type { ReportDocument } from '../../../src/domain/reports/report-document.ts';
import { darkPixelsIn, hasPdftoppm, renderPageGray } from '../../support/pdf-ink.ts';
import { greyPng } from '../../support/photo-files.ts';

const doc: ReportDocument = {
  title: '写真',
  author: '試験',
  sections: [
    {
      orientation: 'portrait',
      pageNumbers: false,
      blocks: [{ type: 'photo', image: { mime: 'image/png', bytes: new Uint8Array(greyPng(60, 80, 0x20)) }, width: 85, height: 113, rows: [{ label: '氏名', value: '試験 花子' }] }],
    },
  ],
};

/** The ID card request's photo block: the image fills its frame at the left margin, the details stand beside it. */
describe('photo block', () => {
  it('draws the details to the right of the photo', async () => {
    const result = await renderReportPdf(doc, new FontSubsetter());
    const label = result.textBoxes.find((b) => b.text === '氏名')!;
    expect(label.x).toBeGreaterThanOrEqual(MARGIN.left + 85);
    expect(result.textBoxes.find((b) => b.text === '試験 花子')!.x).toBeGreaterThan(label.x);
  });

  it.skipIf(!hasPdftoppm())('puts the picture\'s ink inside its frame (needs pdftoppm)', async () => {
    const { bytes } = await renderReportPdf(doc, new FontSubsetter());
    const page = renderPageGray(bytes, 1, 72);
    const top = A4.portrait[1] - MARGIN.top;
    const inner = { x: MARGIN.left + 6, y: top - 113 + 6, width: 85 - 12, height: 113 - 12 };
    expect(darkPixelsIn(page, inner, A4.portrait[1])).toBeGreaterThan(0.9 * inner.width * inner.height);
    const below = { x: MARGIN.left, y: top - 113 - 60, width: 85, height: 50 };
    expect(darkPixelsIn(page, below, A4.portrait[1])).toBe(0);
  });
});
