import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/adapters/csv/csv-parser.ts';

describe('parseCsv', () => {
  it('splits records and cells and numbers the physical lines', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2', '3'] },
    ]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks, and keeps counting lines', () => {
    const text = 'h1,h2\n"a,b","say ""hi"""\n"line 1\r\nline 2\nline 3",x\nlast,"",\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['a,b', 'say "hi"'] },
      { line: 3, cells: ['line 1\r\nline 2\nline 3', 'x'] },
      { line: 6, cells: ['last', '', ''] },
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends and a last line without one', () => {
    expect(parseCsv('a\rb\r\nc\nd').map((r) => [r.line, r.cells[0]])).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
  });

  it('skips blank lines and rows of empty cells but keeps their line numbers', () => {
    expect(parseCsv('a,b\n\n,\n  \nc,d\n\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 4, cells: ['  '] },
      { line: 5, cells: ['c', 'd'] },
    ]);
  });

  it('marks a quote left open and text after a closing quote, and goes on with the next line', () => {
    expect(parseCsv('a,"b"c,d\ne,f\n')).toEqual([
      { line: 1, cells: ['a', 'b'], error: 'textAfterQuote' },
      { line: 2, cells: ['e', 'f'] },
    ]);
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'open\n2,3\n'], error: 'unclosedQuote' },
    ]);
  });

  it('keeps a quote inside an unquoted cell as text', () => {
    expect(parseCsv('5"5,x\n')).toEqual([{ line: 1, cells: ['5"5', 'x'] }]);
  });

  it('parses quoted and plain lines alike in a long file', () => {
    const lines = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? `"q${i}",${i}` : `p${i},${i}`));
    const records = parseCsv(lines.join('\r\n'));
    expect(records).toHaveLength(500);
    expect(records[7]).toEqual({ line: 8, cells: ['q7', '7'] });
    expect(records[499]).toEqual({ line: 500, cells: ['p499', '499'] });
  });
});
