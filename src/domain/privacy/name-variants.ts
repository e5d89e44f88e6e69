/**
 * Variant kanji (異体字) folded before a customer's name is looked for in free text. A name is registered as the bureau
 * wrote it (山﨑, 髙橋, 渡邊, 齋藤); a worker types what the phone's keyboard offers (山崎, 高橋, 渡辺, 斉藤). Each variant
 * is folded to one target on both sides (the registered name and the typed text), so any two forms of a group match.
 *
 * The table is small on purpose: the forms common in surnames and given names that keyboards rarely offer. A fold never
 * masks anything by itself; it only lets a known customer's name be found as it was typed.
 *
 * | target | variants       | e.g.               |
 * |--------|----------------|--------------------|
 * | 崎     | 﨑 嵜 碕        | 山﨑, 宮嵜, 川碕     |
 * | 高     | 髙             | 髙橋               |
 * | 徳     | 德             | 德永               |
 * | 辺     | 邊 邉          | 渡邊, 渡邉         |
 * | 浜     | 濱             | 濱田               |
 * | 沢     | 澤             | 澤田               |
 * | 斉     | 齋 齊 斎       | 齋藤, 齊藤, 斎藤    |
 * | 桜     | 櫻             | 櫻井               |
 * | 広     | 廣             | 廣瀬               |
 * | 国     | 國             | 國分               |
 * | 曽     | 曾             | 曾根               |
 * | 吉     | 𠮷             | 𠮷田               |
 * | 富     | 冨             | 冨田               |
 * | 島     | 嶋 嶌          | 嶋田               |
 * | 瀬     | 瀨             | 廣瀨               |
 * | 渕     | 淵 渊          | 岩淵               |
 * | 槙     | 槇             | 槇原               |
 * | 真     | 眞             | 眞一               |
 * | 恵     | 惠             | 惠子               |
 * | 栄     | 榮             | 榮治               |
 * | 蔵     | 藏             | 藏本               |
 * | 黒     | 黑             | 黑田               |
 * | 条     | 條             | 北條               |
 * | 寿     | 壽             | 壽子               |
 * | 関     | 關             | 關口               |
 * | 増     | 增             | 增田               |
 * | 館     | 舘             | 舘野               |
 * | 桑     | 桒             | 桒原               |
 * | 様     | 樣             | (the honorific)    |
 *
 * (The brief's example direction 曽→曾 is immaterial: both fold to one form, 曽, the one keyboards offer.)
 * Variation selectors (U+FE00–FE0F, U+E0100–E01EF: 葛󠄀 as the register may store it) are dropped.
 */
const GROUPS: ReadonlyArray<readonly [target: string, variants: string]> = [
  ['崎', '﨑嵜碕'],
  ['高', '髙'],
  ['徳', '德'],
  ['辺', '邊邉'],
  ['浜', '濱'],
  ['沢', '澤'],
  ['斉', '齋齊斎'],
  ['桜', '櫻'],
  ['広', '廣'],
  ['国', '國'],
  ['曽', '曾'],
  ['吉', '𠮷'],
  ['富', '冨'],
  ['島', '嶋嶌'],
  ['瀬', '瀨'],
  ['渕', '淵渊'],
  ['槙', '槇'],
  ['真', '眞'],
  ['恵', '惠'],
  ['栄', '榮'],
  ['蔵', '藏'],
  ['黒', '黑'],
  ['条', '條'],
  ['寿', '壽'],
  ['関', '關'],
  ['増', '增'],
  ['館', '舘'],
  ['桑', '桒'],
  ['様', '樣'],
];

/** Variant (one code point, possibly two UTF-16 units) → target. */
export const NAME_VARIANTS: ReadonlyMap<string, string> = new Map(
  GROUPS.flatMap(([target, variants]) => [...variants].map((v) => [v, target] as const)),
);

const isVariationSelector = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** Text with the variants folded; `from[i]` is the index in the original text of folded unit i (`from[text.length]` its length). */
export interface FoldedText {
  text: string;
  from: number[];
}

/** Folds each variant to its target and drops variation selectors, keeping where each unit came from. */
export function foldNameVariants(text: string): FoldedText {
  let out = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    if (!isVariationSelector(cp)) {
      const unit = NAME_VARIANTS.get(ch) ?? ch;
      out += unit;
      for (let k = 0; k < unit.length; k++) from.push(i);
    }
    i += ch.length;
  }
  from.push(text.length);
  return { text: out, from };
}
