/**
 * CSV for the bureau's spreadsheets: UTF-8 with a byte-order mark (Excel then reads Japanese
 * correctly), CRLF line ends, fields quoted only when needed (comma, quote, line break, edge spaces).
 * Text that Excel would run as a formula (= + - @ tab CR at the start, also in their full-width and other
 * compatibility forms: ＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫ −) is prefixed with an apostrophe. Every CSV written goes through here.
 */
export type CsvCell = string | number | null | undefined;

export const UTF8_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** Minus signs that NFKC does not fold into '-'. */
const OTHER_MINUS = /^[\u2212\u2796]/;

/** Whether a spreadsheet could read the text as a formula: its first character, folded to ASCII (＝ → =). */
export function startsLikeFormula(text: string): boolean {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0x20);
  return FORMULA_START.test(first.normalize('NFKC')) || OTHER_MINUS.test(first);
}

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`not a finite number: ${cell}`);
    return String(cell);
  }
  const text = cell !== '' && startsLikeFormula(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to one CSV text; an empty row (`[]`) leaves a blank line between blocks. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
