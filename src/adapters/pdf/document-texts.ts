import type { Block, ReportDocument } from '../../domain/reports/report-document.ts';

/** The same document with every drawn string passed through `fn` (e.g. glyph sanitizing). */
export function mapTexts(doc: ReportDocument, fn: (text: string) => string): ReportDocument {
  return {
    title: doc.title,
    author: doc.author,
    sections: doc.sections.map((s) => ({
      ...s,
      runningHeader: s.runningHeader === undefined ? undefined : fn(s.runningHeader),
      blocks: s.blocks.map((b) => mapBlock(b, fn)),
    })),
  };
}

function mapBlock(block: Block, fn: (text: string) => string): Block {
  switch (block.type) {
    case 'title':
    case 'heading':
      return { ...block, text: fn(block.text) };
    case 'paragraph':
      return { ...block, text: fn(block.text), ...(block.seal === undefined ? {} : { seal: fn(block.seal) }) };
    case 'fields':
    case 'photo':
      return { ...block, rows: block.rows.map((r) => ({ label: fn(r.label), value: fn(r.value) })) };
    case 'table':
      return {
        ...block,
        columns: block.columns.map((c) => ({ ...c, label: fn(c.label) })),
        rows: block.rows.map((r) => r.map(fn)),
        footerRows: block.footerRows?.map((r) => r.map(fn)),
        emptyText: block.emptyText === undefined ? undefined : fn(block.emptyText),
      };
    case 'spacer':
      return block;
  }
}
