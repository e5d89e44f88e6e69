import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from '../../../../src/domain/reports/csv.ts';

describe('csv for Excel', () => {
  it('starts with a BOM, ends lines with CRLF and keeps numbers plain', () => {
    const text = toCsv([['日付', '開栓'], ['2026-03-01', 3035], []]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe('日付,開栓\r\n2026-03-01,3035\r\n\r\n');
  });

  it('quotes commas, quotes, line breaks and edge spaces only', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('諸江町')).toBe('諸江町');
    expect(csvField(null)).toBe('');
  });

  it('defuses text Excel would run as a formula, not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+81 76 1234')).toBe("'+81 76 1234");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField(-3)).toBe('-3');
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
  });

  it('defuses the full-width and other compatibility forms of = + - @ alike, and nothing else', () => {
    for (const text of ['＝HYPERLINK("x")', '＋１', '－１', '＠SUM(A1)', '﹦1', '﹢1', '﹣1', '﹫a', '−1', '⁼1']) {
      expect(csvField(text), text).toBe(text.includes('"') ? `"'${text.replace(/"/g, '""')}"` : `'${text}`);
    }
    expect(toCsv([['＝1+1', '金沢市＝', '　全角の空白', 'ー長音', '～波']]).slice(1)).toBe("'＝1+1,金沢市＝,\"　全角の空白\",ー長音,～波\r\n");
    expect(csvField('')).toBe('');
  });
});
