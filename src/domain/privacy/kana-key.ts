/**
 * Text folded for finding a name's reading: katakana (full- or half-width, with the half-width voiced marks ﾞ ﾟ
 * joined to the kana before them) folded to hiragana, full-width spaces to spaces. `from[i]` is the index in the
 * original text of folded unit i (`from[text.length]` is the original length), so a match maps back to the text as typed.
 */
export interface KanaKey {
  text: string;
  from: number[];
}

/** Half-width katakana U+FF66–U+FF9D as full-width, in code order (ｦ ｧ ｨ ｩ ｪ ｫ ｬ ｭ ｮ ｯ ｰ ｱ … ﾝ). */
const HALF = 'ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const VOICED = 'カキクケコサシスセソタチツテトハヒフヘホウ';
const SEMI = 'ハヒフヘホ';

function fullWidth(code: number, next: number): { kana: string; used: number } | null {
  if (code < 0xff66 || code > 0xff9d) return null;
  const base = HALF[code - 0xff66] as string;
  if (next === 0xff9e && VOICED.includes(base)) return { kana: base === 'ウ' ? 'ヴ' : String.fromCharCode(base.charCodeAt(0) + 1), used: 2 };
  if (next === 0xff9f && SEMI.includes(base)) return { kana: String.fromCharCode(base.charCodeAt(0) + 2), used: 2 };
  return { kana: base, used: 1 };
}

const toHiragana = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code >= 0x30a1 && code <= 0x30f6 ? String.fromCharCode(code - 0x60) : ch;
};

export function kanaKey(text: string): KanaKey {
  let out = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const half = fullWidth(text.charCodeAt(i), text.charCodeAt(i + 1));
    const unit = half ? half.kana : text[i] === '\u3000' ? ' ' : (text[i] as string);
    out += toHiragana(unit);
    from.push(i);
    i += half ? half.used : 1;
  }
  from.push(text.length);
  return { text: out, from };
}
