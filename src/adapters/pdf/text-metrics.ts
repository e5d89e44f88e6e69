import type { PDFFont } from 'pdf-lib';

/**
 * Widths and line breaking for Japanese text with a subsetted font. Characters the font lacks
 * are drawn as 〓 (the customary stand-in for a missing character) instead of an empty box.
 */
export class FontMetrics {
  private readonly widths = new Map<string, number>();

  constructor(
    readonly font: PDFFont,
    private readonly hasGlyph: (codePoint: number) => boolean,
  ) {}

  /** Replaces control characters (not line breaks) with spaces and missing glyphs with 〓. */
  sanitize(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (ch === '\n') out += ch;
      else if (cp < 0x20 || cp === 0x7f) out += ' ';
      else out += this.hasGlyph(cp) ? ch : '〓';
    }
    return out;
  }

  charWidth(ch: string, size: number): number {
    let w = this.widths.get(ch);
    if (w === undefined) {
      w = this.font.widthOfTextAtSize(ch, 1000);
      this.widths.set(ch, w);
    }
    return (w * size) / 1000;
  }

  width(text: string, size: number): number {
    let total = 0;
    for (const ch of text) total += this.charWidth(ch, size);
    return total;
  }
}

/** Characters that must not start a line (禁則): they stay at the end of the previous one. */
const NO_LINE_START = new Set(Array.from('、。，．,.)）」』】〕〉》!?！？ー・：；:;%％'));
const WORD_CHAR = /[A-Za-z0-9\-_@.]/;

/** Breaks text into lines no wider than maxWidth; '\n' always breaks. Sanitized text in, lines out. */
export function wrapText(metrics: FontMetrics, text: string, size: number, maxWidth: number): string[] {
  return text.split('\n').flatMap((para) => wrapParagraph(metrics, para, size, maxWidth));
}

function wrapParagraph(metrics: FontMetrics, text: string, size: number, maxWidth: number): string[] {
  const chars = Array.from(text);
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of chars) {
    const w = metrics.charWidth(ch, size);
    if (width + w > maxWidth && line.length > 0 && !NO_LINE_START.has(ch)) {
      const [kept, carried] = splitAtWordBoundary(line, ch);
      lines.push(kept.join('').trimEnd());
      line = carried;
      width = metrics.width(line.join(''), size);
      if (line.length === 0 && ch === ' ') continue;
    }
    line.push(ch);
    width += w;
  }
  lines.push(line.join('').trimEnd());
  return lines;
}

/** When a Latin word would be cut, move the whole word to the next line (if the line has a space). */
function splitAtWordBoundary(line: string[], next: string): [string[], string[]] {
  if (!WORD_CHAR.test(next) || !WORD_CHAR.test(line[line.length - 1] ?? '')) return [line, []];
  const space = line.lastIndexOf(' ');
  if (space <= 0) return [line, []];
  return [line.slice(0, space), line.slice(space + 1)];
}

/** One line cut to fit, with an ellipsis, for places that cannot wrap (running headers). */
export function fitLine(metrics: FontMetrics, text: string, size: number, maxWidth: number): string {
  if (metrics.width(text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && metrics.width(`${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}
