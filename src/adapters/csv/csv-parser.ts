/**
 * RFC 4180 CSV: comma-separated cells, quoted cells may hold commas, line breaks and doubled
 * quotes (""). Lines may end in CRLF, LF or CR. Each record keeps the physical line it starts on
 * (the first line is 1), so a rejected row can be found in the file. Records whose cells are all
 * empty (blank lines, a row of commas) are skipped.
 */
export type CsvRecordError = 'unclosedQuote' | 'textAfterQuote';

export interface CsvRecord {
  line: number;
  cells: string[];
  error?: CsvRecordError;
}

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const UNKNOWN = -2;

interface Cursor {
  text: string;
  pos: number;
  line: number;
  nextQuote: number; // cached positions of the next ", CR and LF (-1: none left; below pos: look again)
  nextCr: number;
  nextLf: number;
}

export function parseCsv(text: string): CsvRecord[] {
  return parseCsvPiece(text, 1, true).records;
}

/** The records of a text given in pieces (the last one marked), e.g. a file read part by part. */
export function* csvRecords(pieces: Iterable<{ text: string; last: boolean }>): Generator<CsvRecord> {
  let rest = '';
  let line = 1;
  for (const piece of pieces) {
    const text = rest + piece.text;
    const parsed = parseCsvPiece(text, line, piece.last);
    yield* parsed.records;
    rest = text.slice(parsed.consumed);
    line = parsed.line;
  }
}

/** The records read from a piece of a text, how much of the piece they took, and the line where the rest starts. */
export interface CsvPiece {
  records: CsvRecord[];
  consumed: number;
  line: number;
}

/**
 * Reads the records of a piece of a larger text (a file read in parts); `line` is the line the piece starts on.
 * Unless the piece is the last one, a record that runs to the end of the piece is left unread (consumed stops
 * before it): its quoted cell or its line may go on in the next piece, and a CR at the end may be half of a CRLF.
 */
export function parseCsvPiece(text: string, line: number, last: boolean): CsvPiece {
  const records: CsvRecord[] = [];
  const cursor: Cursor = { text, pos: 0, line, nextQuote: UNKNOWN, nextCr: UNKNOWN, nextLf: UNKNOWN };
  while (cursor.pos < text.length) {
    const [pos, startLine] = [cursor.pos, cursor.line];
    const record = readSimpleLine(cursor) ?? readRecord(cursor);
    if (!last && cursor.pos >= text.length) return { records, consumed: pos, line: startLine };
    if (record.error !== undefined || record.cells.some((c) => c !== '')) records.push(record);
  }
  return { records, consumed: cursor.pos, line: cursor.line };
}

/** Fast path: a line without any quote is split on commas. */
function readSimpleLine(c: Cursor): CsvRecord | undefined {
  const { text, pos } = c;
  if (c.nextQuote !== -1 && c.nextQuote < pos) c.nextQuote = text.indexOf('"', pos);
  if (c.nextCr !== -1 && c.nextCr < pos) c.nextCr = text.indexOf('\r', pos);
  if (c.nextLf !== -1 && c.nextLf < pos) c.nextLf = text.indexOf('\n', pos);
  const end = Math.min(c.nextCr === -1 ? text.length : c.nextCr, c.nextLf === -1 ? text.length : c.nextLf);
  if (c.nextQuote !== -1 && c.nextQuote < end) return undefined;
  const record: CsvRecord = { line: c.line, cells: text.slice(pos, end).split(',') };
  c.pos = end;
  endOfLine(c);
  return record;
}

/** General path: quoted cells, line breaks inside them, errors. */
function readRecord(c: Cursor): CsvRecord {
  const record: CsvRecord = { line: c.line, cells: [] };
  for (;;) {
    const cell = c.text.charCodeAt(c.pos) === QUOTE ? readQuoted(c) : readPlain(c);
    record.cells.push(cell.value);
    if (cell.error) {
      record.error = cell.error;
      skipRestOfLine(c);
      return record;
    }
    const next = c.text.charCodeAt(c.pos);
    if (next === COMMA) c.pos++;
    else {
      endOfLine(c); // line break or end of text
      return record;
    }
  }
}

function readPlain(c: Cursor): { value: string; error?: CsvRecordError } {
  const start = c.pos;
  const { text } = c;
  let pos = start;
  for (; pos < text.length; pos++) {
    const ch = text.charCodeAt(pos);
    if (ch === COMMA || ch === CR || ch === LF) break;
  }
  c.pos = pos;
  return { value: text.slice(start, pos) };
}

function readQuoted(c: Cursor): { value: string; error?: CsvRecordError } {
  const { text } = c;
  let value = '';
  let pos = c.pos + 1;
  for (;;) {
    const close = text.indexOf('"', pos);
    if (close === -1) {
      value += text.slice(pos);
      c.line += lineBreaksIn(text, pos, text.length);
      c.pos = text.length;
      return { value, error: 'unclosedQuote' };
    }
    value += text.slice(pos, close);
    c.line += lineBreaksIn(text, pos, close);
    if (text.charCodeAt(close + 1) !== QUOTE) {
      c.pos = close + 1;
      break;
    }
    value += '"';
    pos = close + 2;
  }
  const next = text.charCodeAt(c.pos);
  if (c.pos < text.length && next !== COMMA && next !== CR && next !== LF) return { value, error: 'textAfterQuote' };
  return { value };
}

/** Counts CRLF, LF and lone CR between from and to. */
function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === LF || (ch === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

function endOfLine(c: Cursor): void {
  const ch = c.text.charCodeAt(c.pos);
  if (ch === CR) c.pos += c.text.charCodeAt(c.pos + 1) === LF ? 2 : 1;
  else if (ch === LF) c.pos += 1;
  else return; // end of text
  c.line++;
}

function skipRestOfLine(c: Cursor): void {
  while (c.pos < c.text.length) {
    const ch = c.text.charCodeAt(c.pos);
    if (ch === CR || ch === LF) break;
    c.pos++;
  }
  endOfLine(c);
}
