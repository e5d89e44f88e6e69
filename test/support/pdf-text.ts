import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The strings drawn on each page of a PDF, read with pdf.js (pure JavaScript: no poppler needed),
 * in drawing order, blank items dropped: a table cell is one item.
 */
export async function pdfPageItems(bytes: Uint8Array): Promise<string[][]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str.trim() : '')).filter((s) => s !== ''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** All pages' strings, one per line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPageItems(bytes)).map((items) => items.join('\n')).join('\n');
}

/** True when `needle` occurs as consecutive items of one page (e.g. a table row). */
export function hasRow(pages: string[][], needle: string[]): boolean {
  return pages.some((items) => items.some((_, i) => needle.every((cell, k) => items[i + k] === cell)));
}

/** A drawn string with where pdf.js read it (PDF points, origin bottom-left: y is the baseline). */
export interface PositionedItem {
  text: string;
  x: number;
  y: number;
}

/** Each page's strings with their positions, blank items dropped. */
export async function pdfPagePositions(bytes: Uint8Array): Promise<PositionedItem[][]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, disableFontFace: true, useSystemFonts: false }).promise;
  try {
    const pages: PositionedItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const items = content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [{ text: item.str.trim(), x: item.transform[4] as number, y: item.transform[5] as number }] : []));
      pages.push(items);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * Headings that are the last thing on their page: nothing but page numbers ("n / N") drawn below them. A heading
 * must stay with at least the start of what follows it.
 */
export function headingsAloneAtFoot(pages: PositionedItem[][], headings: readonly string[]): { page: number; heading: string }[] {
  const isPageNumber = (text: string) => /^\d+ \/ \d+$/.test(text);
  const out: { page: number; heading: string }[] = [];
  pages.forEach((items, page) => {
    for (const item of items.filter((i) => headings.includes(i.text))) {
      const below = items.filter((o) => o.y < item.y - 1 && !isPageNumber(o.text) && !headings.includes(o.text));
      if (below.length === 0) out.push({ page: page + 1, heading: item.text });
    }
  });
  return out;
}
