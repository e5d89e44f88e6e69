import { afterAll, describe, expect, it } from 'vitest';
import { FontSubsetter } from '../../../src/adapters/pdf/fonts.ts';
import { ReportPdfRenderer } from '../../../src/adapters/pdf/pdf-renderer.ts';
import { closePdfWorkers } from '../../../src/adapters/pdf/pdf-worker-pool.ts';
import type { ReportDocument } from '../../../src/domain/reports/report-document.ts';
import { pdfPageItems } from '../../support/pdf-text.ts';

afterAll(() => closePdfWorkers());

function tableDocument(rows: number, title = '開閉栓作業月報'): ReportDocument {
  return {
    title,
    author: '試験',
    sections: [
      {
        orientation: 'portrait',
        pageNumbers: true,
        blocks: [
          { type: 'title', text: title },
          {
            type: 'table',
            columns: [{ label: '作業番号', weight: 2, align: 'left' }, { label: '町名', weight: 2, align: 'left' }],
            rows: Array.from({ length: rows }, (_, i) => [`20260301-${String(i).padStart(5, '0')}`, `髙﨑町${i % 7}丁目`]),
          },
        ],
      },
    ],
  };
}

describe('PDF rendering in the worker thread (the default renderer)', () => {
  it('draws the same pages as rendering in this thread', async () => {
    const doc = tableDocument(150);
    const [inWorker, inThread] = await Promise.all([new ReportPdfRenderer().render(doc), new ReportPdfRenderer(new FontSubsetter()).render(doc)]);
    expect(inWorker.pageCount).toBe(inThread.pageCount);
    expect(inWorker.pageCount).toBeGreaterThan(2);
    expect(await pdfPageItems(inWorker.bytes)).toEqual(await pdfPageItems(inThread.bytes));
  });

  it('renders documents asked for at once, each its own, and again after the worker was closed', async () => {
    const renderer = new ReportPdfRenderer();
    const titles = ['日報', '月報', '作業者配置表'];
    const pdfs = await Promise.all(titles.map((title) => renderer.render(tableDocument(3, title))));
    for (const [i, pdf] of pdfs.entries()) expect((await pdfPageItems(pdf.bytes))[0]).toContain(titles[i]);
    await closePdfWorkers();
    const again = await renderer.render(tableDocument(2, '廃棄記録'));
    expect((await pdfPageItems(again.bytes))[0]).toContain('廃棄記録');
  });

  it('answers a document it cannot draw with an error, and keeps serving', async () => {
    const broken = { title: 'x', author: 'x', sections: [{ orientation: 'portrait', pageNumbers: false, blocks: [{ type: 'table', columns: null, rows: [['a']] }] }] };
    await expect(new ReportPdfRenderer().render(broken as unknown as ReportDocument)).rejects.toThrow();
    expect((await new ReportPdfRenderer().render(tableDocument(1))).pageCount).toBe(1);
  });
});
