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
