/**
 * A 5 × 7 bitmap font of the only characters the plan map writes: digits, '.', 'k', 'm' and space. Any other
 * character is refused, so no name or address can ever be drawn.
 */
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  k: ['10000', '10000', '10010', '10100', '11000', '10100', '10010'],
  m: ['00000', '00000', '11010', '10101', '10101', '10101', '10101'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Columns from one character's left edge to the next one's. */
export const ADVANCE = GLYPH_WIDTH + 1;

/** The lit cells of `text` (column, row), left to right. */
export function litCells(text: string): { col: number; row: number }[] {
  const cells: { col: number; row: number }[] = [];
  [...text].forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new RangeError(`the map font has no character ${JSON.stringify(ch)}`);
    glyph.forEach((line, row) => {
      for (let c = 0; c < GLYPH_WIDTH; c++) if (line[c] === '1') cells.push({ col: i * ADVANCE + c, row });
    });
  });
  return cells;
}
