/**
 * Whether a chat text reports a damaged or lost work terminal (作業用端末, spec 6(3)), as typed on a phone:
 *   端末 破損   端末 紛失   モバイル端末を落として画面が割れた   端末をなくした   料金端末が水没した ロック済
 * It needs a terminal word and a damage or loss word that is not negated (「端末は壊れていない」「端末 紛失なし」 are
 * not reports). A loss outranks damage (it may leak personal data). Text is width-folded first (NFKC).
 */
export type TerminalKind = 'billing' | 'mobile';
export type TerminalLoss = 'terminalDamaged' | 'terminalLost';

export interface TerminalText {
  loss: TerminalLoss;
  /** Which terminal, when the text says so. */
  terminal: TerminalKind | null;
  /** Whether it holds customer data, when the text says so. */
  customerData: boolean | null;
  /** Whether it was locked, when the text says so. */
  locked: boolean | null;
  description: string;
}

const TERMINAL_WORDS: ReadonlyArray<[string, TerminalKind | null]> = [
  ['料金システム端末', 'billing'], ['料金端末', 'billing'], ['料金システム', 'billing'],
  ['モバイル端末', 'mobile'], ['モバイル', 'mobile'], ['タブレット', 'mobile'], ['スマホ', 'mobile'], ['ハンディ', 'mobile'],
  ['作業用端末', null], ['端末', null],
];
const DAMAGE_WORDS = ['破損', '壊れ', '壊し', '壊れた', 'こわれ', 'こわし', '割れ', '割っ', '故障', '水没', 'ひび', '映らな', '起動しな'];
const LOSS_WORDS = ['紛失', 'ふんしつ', '無くし', '失くし', 'なくし', '無くなっ', 'なくなっ', '見当たらな', '見つからな', '置き忘れ', '盗難', '盗まれ'];
/** Right after the word: it did not happen (壊れていない, 破損なし, 紛失はありません, 割れてない …). */
const NEGATED_AFTER =
  /^(?:て|で)?(?:は|も)?(?:い)?(?:ない|ません|なかった|ず|ていない|てない|ていません|てません|てはいない|てはない)|^\s*(?:は|が|も|等|など)?\s*(?:なし|無し|ナシ|ない|無い|ありません|ございません|なかった|していない|してない|していません|はない|ゼロ)/u;
const NEGATED_ONLY_AFTER_STEM = /^(?:ていない|てない|ていません|てません|てはいない|てはいません|てなかった|ていなかった)/u;

/** Where a terminal word stands: [start, end) of each mention. */
type Span = [number, number];
/** How far a damage or loss word may stand after the terminal it is about (「モバイル端末を落として画面が割れた」). */
const AFTER_TERMINAL = 16;
/** …or right before it (「破損 端末」「紛失した端末」「壊れた端末」), nothing else in between. */
const BEFORE_TERMINAL = /^(?:\s*|た|した|の|された|している)$/u;

const aboutTerminal = (text: string, spans: Span[], at: number, end: number) =>
  spans.some(([start, stop]) => (at >= stop && at - stop <= AFTER_TERMINAL) || (start >= end && BEFORE_TERMINAL.test(text.slice(end, start))));

/** Whether `word` occurs at least once not negated and about a terminal (not 「メーターが割れていた、端末と番号が違う」). */
function affirmed(text: string, word: string, spans: Span[]): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    const after = text.slice(at + word.length);
    if (NEGATED_AFTER.test(after) || NEGATED_ONLY_AFTER_STEM.test(after)) continue;
    if (aboutTerminal(text, spans, at, at + word.length)) return true;
  }
  return false;
}

const anyAffirmed = (text: string, words: readonly string[], spans: Span[]) => words.some((w) => affirmed(text, w, spans));

/** The terminal words of the text (longest at each place) and the kind the first one names. */
function terminalOf(text: string): { spans: Span[]; kind: TerminalKind | null } {
  const spans: Span[] = [];
  let kind: TerminalKind | null | undefined;
  for (let at = 0; at < text.length; at++) {
    const hit = TERMINAL_WORDS.find(([word]) => text.startsWith(word, at));
    if (!hit) continue;
    spans.push([at, at + hit[0].length]);
    kind ??= hit[1];
    at += hit[0].length - 1;
  }
  return { spans, kind: kind ?? null };
}

const LOCKED_NO = /ロック(?:は|を)?(?:なし|無し|ナシ|していない|してない|していません|してません|かけていない|かけてない|未設定|なかった|されていない|されてない)/u;
const LOCKED_YES = /ロック(?:済|済み|あり|有り|有|して(?:いた|ある|います|ました|た)|かけ|中|されて(?:いる|います|いた))|パスワード(?:付き|あり|設定)/u;
const DATA_NO = /(?:顧客|お客様|お客さま|個人)(?:データ|情報)(?:は|が|も)?(?:なし|無し|ない|入っていない|入ってない|ありません|保存なし)/u;
const DATA_YES = /(?:顧客|お客様|お客さま|個人)(?:データ|情報)(?:は|が|も)?(?:あり|有り|入って(?:いる|います|いた|た)|保存|含む|含まれ)/u;

function fact(text: string, no: RegExp, yes: RegExp): boolean | null {
  if (no.test(text)) return false;
  return yes.test(text) ? true : null;
}

/** 端末 + 破損/紛失 (not negated): the terminal case; undefined when the text reports no damaged or lost terminal. */
export function readTerminalText(typed: string): TerminalText | undefined {
  const text = typed.normalize('NFKC').trim();
  const terminal = terminalOf(text);
  if (terminal.spans.length === 0) return undefined;
  const lost = anyAffirmed(text, LOSS_WORDS, terminal.spans);
  if (!lost && !anyAffirmed(text, DAMAGE_WORDS, terminal.spans)) return undefined;
  return {
    loss: lost ? 'terminalLost' : 'terminalDamaged',
    terminal: terminal.kind,
    customerData: fact(text, DATA_NO, DATA_YES),
    locked: fact(text, LOCKED_NO, LOCKED_YES),
    description: text,
  };
}
