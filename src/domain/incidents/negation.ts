/**
 * Whether what follows a damage or loss word says it did not happen (Japanese negation after the word):
 *   破損なし  破損じゃない  壊れたわけではない  紛失していません  なくしてない  割れてはいない  壊れていなかった
 *   破損はありません  紛失の事実はない  破損等は見られない  起動しないわけではない
 * Between the word and the negation only verb endings and particles may stand (し て た だ さ れ は も が の り い …,
 * わけ, 事実, 心配 …): 「紛失したかもしれない」「壊れてつかえない」「紛失 ロックなし」 are not negations of the word.
 */
const FILLERS = [
  'わけ', '訳', 'もの', 'こと', '事', '事実', '様子', '形跡', '心配', 'おそれ', '恐れ', '可能性', 'よう', '等', 'など', 'おり', 'じゃ', 'なんか',
  'し', 'て', 'た', 'だ', 'で', 'さ', 'れ', 'は', 'も', 'が', 'の', 'り', 'い', 'っ', 'ん',
].sort((a, b) => b.length - a.length);
/** The negation itself (見られない / 確認されず / ありません / なし / 無事 …). */
const NEGATION = /^(?:(?:見られ|見当たら|認められ|確認(?:され|でき)|あり|有り|ござい)?(?:ない|無い|なかった|無かった|ません|ず|ねえ|ねぇ|ねー)|なし|無し|ナシ|なく(?!し|な)|無く|無事)/u;
const SPACE = /^[\s]+/u;
/** How far a negation may stand after the word. */
const REACH = 16;

/** Whether `after` (the text right after a damage or loss word) begins with a negation of it. */
export function negatedAfter(after: string): boolean {
  let rest = after.slice(0, REACH);
  for (;;) {
    if (NEGATION.test(rest)) return true;
    const space = SPACE.exec(rest);
    const filler = space ? space[0] : FILLERS.find((f) => rest.startsWith(f));
    if (!filler) return false;
    rest = rest.slice(filler.length);
  }
}
