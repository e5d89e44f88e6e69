/**
 * CSV for the bureau's spreadsheets: UTF-8 with a byte-order mark (Excel then reads Japanese
 * correctly), CRLF line ends, fields quoted only when needed (comma, quote, line break, edge spaces).
 * Text that Excel would run as a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
export type CsvCell = string | number | null | undefined;

export const UTF8_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`not a finite number: ${cell}`);
    return String(cell);
  }
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to one CSV text; an empty row (`[]`) leaves a blank line between blocks. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
