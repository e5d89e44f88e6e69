/**
 * A report as plain data, independent of the PDF library: the application builds it from a view
 * model and the template wording, the PDF adapter lays it out on A4 pages. Each section starts a
 * new page; a long table continues on the next page with its header repeated.
 */
export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right';

export interface ReportDocument {
  title: string; // PDF metadata title
  author: string;
  sections: ReportSection[];
}

export interface ReportSection {
  orientation: Orientation;
  /** Small line at the top of every page after the first (e.g. report name and period). */
  runningHeader?: string;
  /** "n / N" at the foot of each page, counted within the section. */
  pageNumbers: boolean;
  blocks: Block[];
}

export type Block = TitleBlock | HeadingBlock | FieldsBlock | ParagraphBlock | TableBlock | SpacerBlock | PhotoBlock;

export interface TitleBlock {
  type: 'title';
  text: string;
}

export interface HeadingBlock {
  type: 'heading';
  text: string;
}

/** Label: value lines, e.g. the header block (bureau, contract, contractor, period). */
export interface FieldsBlock {
  type: 'fields';
  align: Align; // where the block sits on the page
  rows: { label: string; value: string }[];
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string; // wrapped to the page width; '\n' starts a new line
  align?: Align;
  bold?: boolean;
  size?: number;
  /** A seal mark (e.g. 「印」) drawn in a small circle after the text: the 代表者 line of a document to the bureau. */
  seal?: string;
}

export interface TableColumn {
  label: string;
  weight: number; // share of the table width
  align: Align;
}

export interface TableBlock {
  type: 'table';
  columns: TableColumn[];
  rows: string[][];
  /** Rows drawn in bold after the body, e.g. totals. */
  footerRows?: string[][];
  /** Shown in one merged row when `rows` is empty. */
  emptyText?: string;
}

export interface SpacerBlock {
  type: 'spacer';
  height: number; // points
}

/** A photo (JPEG or PNG bytes) fitted into a box of `width` × `height` points, with label: value lines beside it. */
export interface PhotoBlock {
  type: 'photo';
  image: { mime: 'image/jpeg' | 'image/png'; bytes: Uint8Array };
  width: number;
  height: number;
  rows: { label: string; value: string }[];
}

/** Every string the document draws, so a renderer can prepare fonts before layout. */
export function textsOf(doc: ReportDocument): string[] {
  const out: string[] = [doc.title];
  for (const section of doc.sections) {
    if (section.runningHeader) out.push(section.runningHeader);
    for (const block of section.blocks) out.push(...blockTexts(block));
  }
  return out;
}

function blockTexts(block: Block): string[] {
  switch (block.type) {
    case 'title':
    case 'heading':
      return [block.text];
    case 'paragraph':
      return block.seal ? [block.text, block.seal] : [block.text];
    case 'fields':
    case 'photo':
      return block.rows.flatMap((r) => [r.label, r.value]);
    case 'table':
      return [
        ...block.columns.map((c) => c.label),
        ...block.rows.flat(),
        ...(block.footerRows ?? []).flat(),
        block.emptyText ?? '',
      ];
    case 'spacer':
      return [];
  }
}
