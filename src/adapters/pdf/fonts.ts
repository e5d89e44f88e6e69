import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

/**
 * Noto Sans JP (OFL, npm @expo-google-fonts/noto-sans-jp), subsetted with harfbuzz (subset-font)
 * to the characters a document draws. fontkit's own `subset: true` corrupts CJK glyphs, so the
 * renderer embeds these small TTFs with `subset: false`. Subsets are cached per weight and
 * character set for the life of the process, bounded to a few dozen entries.
 */
export type FontWeight = 'regular' | 'bold';

const require = createRequire(import.meta.url);
const FONT_FILES: Record<FontWeight, string> = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
};
const MAX_CACHED_SUBSETS = 32;
/**
 * Without the layout tables every character maps to its cmap glyph. With them, fontkit's shaping
 * swaps digits next to Latin or Greek letters (φ13) for alternates that the PDF's ToUnicode map
 * does not cover, so the text no longer extracts. Horizontal Japanese needs no shaping.
 */
const DROPPED_TABLES = ['GSUB', 'GPOS'];

/** Drawn in every document whatever its text: page numbers and the stand-in for a missing glyph. */
export const ALWAYS_INCLUDED = ' 0123456789/-,.()〓…';

export interface SubsetStats {
  hits: number;
  misses: number;
  subsetMs: number;
}

export class FontSubsetter {
  private readonly originals = new Map<FontWeight, Promise<Buffer>>();
  private readonly subsets = new Map<string, Promise<Uint8Array>>();
  readonly stats: SubsetStats = { hits: 0, misses: 0, subsetMs: 0 };

  /** A TrueType font holding exactly the glyphs of `text` (plus ALWAYS_INCLUDED). */
  subset(weight: FontWeight, text: string): Promise<Uint8Array> {
    const chars = characterSet(text + ALWAYS_INCLUDED);
    const key = `${weight}:${chars}`;
    const cached = this.subsets.get(key);
    if (cached) {
      this.stats.hits++;
      this.subsets.delete(key);
      this.subsets.set(key, cached); // most recently used last
      return cached;
    }
    this.stats.misses++;
    const made = this.make(weight, chars);
    this.subsets.set(key, made);
    made.catch(() => this.subsets.delete(key));
    while (this.subsets.size > MAX_CACHED_SUBSETS) this.subsets.delete(this.subsets.keys().next().value as string);
    return made;
  }

  private async make(weight: FontWeight, chars: string): Promise<Uint8Array> {
    const original = await this.original(weight);
    const started = performance.now();
    const bytes = await subsetFont(original, chars, { targetFormat: 'truetype', dropTables: DROPPED_TABLES });
    this.stats.subsetMs += performance.now() - started;
    return new Uint8Array(bytes);
  }

  /** A Buffer, not a plain Uint8Array: subset-font's format sniffing needs Buffer methods. */
  private original(weight: FontWeight): Promise<Buffer> {
    let file = this.originals.get(weight);
    if (!file) {
      file = readFile(require.resolve(FONT_FILES[weight]));
      this.originals.set(weight, file);
    }
    return file;
  }
}

/** The distinct code points of a text, sorted, as one string (the cache key). */
export function characterSet(text: string): string {
  return [...new Set(Array.from(text))].sort().join('');
}

export const sharedFontSubsetter = new FontSubsetter();
