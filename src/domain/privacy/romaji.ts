/**
 * A name's reading in romaji, to find it when a worker types it in Latin letters (murata, ＭＵＲＡＴＡ, Satō, Satoh).
 * Derived (Hepburn) from the reading in hiragana (kanaKey folds katakana to it); both the derived name and the typed
 * word are compared as a key: lower case, macrons and circumflexes dropped, apostrophes dropped, long vowels collapsed
 * (ou/oo/oh → o, uu → u: さとう is sato, satou, satoh and satō alike), m before b/m/p read as n (homma/honma), cch as tch.
 * Kunrei spellings (si, tu, hu) are not read.
 */
const BASE: Record<string, string> = {
  あ: 'a', い: 'i', う: 'u', え: 'e', お: 'o',
  か: 'ka', き: 'ki', く: 'ku', け: 'ke', こ: 'ko', が: 'ga', ぎ: 'gi', ぐ: 'gu', げ: 'ge', ご: 'go',
  さ: 'sa', し: 'shi', す: 'su', せ: 'se', そ: 'so', ざ: 'za', じ: 'ji', ず: 'zu', ぜ: 'ze', ぞ: 'zo',
  た: 'ta', ち: 'chi', つ: 'tsu', て: 'te', と: 'to', だ: 'da', ぢ: 'ji', づ: 'zu', で: 'de', ど: 'do',
  な: 'na', に: 'ni', ぬ: 'nu', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'hi', ふ: 'fu', へ: 'he', ほ: 'ho', ば: 'ba', び: 'bi', ぶ: 'bu', べ: 'be', ぼ: 'bo',
  ぱ: 'pa', ぴ: 'pi', ぷ: 'pu', ぺ: 'pe', ぽ: 'po',
  ま: 'ma', み: 'mi', む: 'mu', め: 'me', も: 'mo',
  や: 'ya', ゆ: 'yu', よ: 'yo',
  ら: 'ra', り: 'ri', る: 'ru', れ: 're', ろ: 'ro',
  わ: 'wa', ゐ: 'i', ゑ: 'e', を: 'o', ん: 'n', ゔ: 'vu',
};
const SMALL_Y: Record<string, string> = { ゃ: 'a', ゅ: 'u', ょ: 'o' };
const SMALL_V: Record<string, string> = { ぁ: 'a', ぃ: 'i', ぅ: 'u', ぇ: 'e', ぉ: 'o' };

/** Hepburn for a reading in hiragana (no spaces); null when it holds anything else (the reading is then not looked for). */
export function hepburn(hiragana: string): string | null {
  let out = '';
  let double = false;
  for (const ch of hiragana) {
    const base = BASE[ch];
    if (base !== undefined) {
      out += double ? (base.startsWith('ch') ? 't' : base[0]) + base : base;
      double = false;
    } else if (ch === 'っ') {
      double = true;
    } else if (SMALL_Y[ch] && out.endsWith('i') && out.length > 1) {
      // きゃ kya, しゃ sha, ちゃ cha, じゃ ja
      out = /(sh|ch|j)i$/.test(out) ? out.slice(0, -1) + SMALL_Y[ch] : `${out.slice(0, -1)}y${SMALL_Y[ch]}`;
    } else if (SMALL_V[ch] && out.length > 1 && /[aiueo]$/.test(out)) {
      out = out.slice(0, -1) + SMALL_V[ch]; // ふぁ fa, ゔぃ vi
    } else if (ch === 'ー' && /[aiueo]$/.test(out)) {
      out += out.slice(-1);
    } else {
      return null;
    }
  }
  return double ? null : out;
}

const ACCENTED: Record<string, string> = { ā: 'a', ī: 'i', ū: 'u', ē: 'e', ō: 'o', â: 'a', î: 'i', û: 'u', ê: 'e', ô: 'o' };

/** The key a romaji word is compared by (see above). */
export function romajiKey(word: string): string {
  let k = word.toLowerCase().replace(/[āīūēōâîûêô]/g, (c) => ACCENTED[c] as string).replace(/['’]/g, '');
  k = k.replace(/cch/g, 'tch').replace(/m(?=[bmp])/g, 'n').replace(/oh(?![aiueoy])/g, 'o');
  let before: string;
  do {
    before = k;
    k = k.replace(/o[ou]/g, 'o').replace(/uu/g, 'u');
  } while (k !== before);
  return k;
}

/** A word in Latin letters (with macrons, circumflexes and an apostrophe inside, as in Shin'ichi). */
export const ROMAJI_WORD = /[A-Za-zāīūēōâîûêôĀĪŪĒŌÂÎÛÊÔ]+(?:['’][A-Za-zāīūēōâîûêôĀĪŪĒŌÂÎÛÊÔ]+)*/g;
