/**
 * Whether a chat text reports a damaged or lost work terminal (作業用端末, spec 6(3)), as typed on a phone:
 *   端末 破損   端末 紛失   モバイル端末を落として画面が割れた   端末をなくした   料金端末が水没した ロック済
 *   スマホを落とした (lost)   iPhone 紛失   携帯端末を盗まれた (theft is a loss)   PC 破損
 * It needs a terminal word and a damage or loss word that is not negated (「端末は壊れていない」「端末 破損じゃない」
 * 「壊れたわけではない」 are not reports: ./negation.ts). 落とした counts only right after the terminal word, and as damage
 * when the text says what broke. A loss outranks damage (it may leak personal data). Text is width-folded (NFKC).
 */
import { negatedAfter } from './negation.ts';

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

/** Longest first at each place; matched on the lower-cased text (iPhone, PC). */
const TERMINAL_WORDS: ReadonlyArray<[string, TerminalKind | null]> = [
  ['料金システム端末', 'billing'], ['料金端末', 'billing'], ['料金システム', 'billing'], ['ノートパソコン', 'billing'], ['パソコン', 'billing'], ['ノートpc', 'billing'], ['pc', 'billing'],
  ['モバイル端末', 'mobile'], ['携帯端末', 'mobile'], ['モバイル', 'mobile'], ['タブレット', 'mobile'], ['スマートフォン', 'mobile'], ['スマホ', 'mobile'],
  ['携帯電話', 'mobile'], ['携帯', 'mobile'], ['けいたい', 'mobile'], ['iphone', 'mobile'], ['アイフォン', 'mobile'], ['ipad', 'mobile'], ['ハンディ', 'mobile'],
  ['作業用端末', null], ['端末', null],
];
const DAMAGE_WORDS = ['破損', '壊れ', '壊し', 'こわれ', 'こわし', '割れ', '割っ', '故障', '水没', '水につけ', 'ひび', '映らな', '起動しな', '起動できな', '電源が入らな'];
const LOSS_WORDS = ['紛失', 'ふんしつ', '無くし', '失くし', 'なくし', '無くなっ', 'なくなっ', '見当たらな', '見つからな', '置き忘れ', '盗難', '盗まれ', '盗ら', '取られ', 'すられ'];
/** 落とした: lost, unless the same text says what broke (「スマホを落として画面が割れた」 is damage). */
const DROP_WORDS = ['落とし', 'おとし'];
/** A drop is about the terminal only right after it: 「スマホを落とした」, not 「端末を持ってメーターの蓋を落とした」. */
const DROP_GAP = /^[\p{Script=Hiragana}\s]{0,6}$/u;

/** Where a terminal word stands: [start, end) of each mention. */
type Span = [number, number];
/** How far a damage or loss word may stand after the terminal it is about (「モバイル端末を落として画面が割れた」). */
const AFTER_TERMINAL = 16;
/** …or right before it (「破損 端末」「紛失した端末」「壊れた端末」), nothing else in between. */
const BEFORE_TERMINAL = /^(?:\s*|た|した|の|された|している)$/u;

/** Another thing named between the terminal and the word: the word is about that (「携帯で撮影、メーターのガラスが割れていた」). */
const OTHER_THING = /メーター|量水器|ガラス|蓋|ふた|ボックス|止水栓|栓|鍵|カギ|車|客/u;

const aboutTerminal = (text: string, spans: Span[], at: number, end: number) =>
  spans.some(
    ([start, stop]) =>
      (at >= stop && at - stop <= AFTER_TERMINAL && !OTHER_THING.test(text.slice(stop, at))) || (start >= end && BEFORE_TERMINAL.test(text.slice(end, start))),
  );

/** Whether `word` occurs at least once not negated and about a terminal (not 「メーターが割れていた、端末と番号が違う」). */
function affirmed(text: string, word: string, spans: Span[], near = aboutTerminal): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    if (negatedAfter(text.slice(at + word.length))) continue;
    if (near(text, spans, at, at + word.length)) return true;
  }
  return false;
}

/** Right after a terminal word, with only kana and spaces between. */
const rightAfterTerminal = (text: string, spans: Span[], at: number) => spans.some(([, stop]) => at >= stop && DROP_GAP.test(text.slice(stop, at)));

const anyAffirmed = (text: string, words: readonly string[], spans: Span[], near = aboutTerminal) => words.some((w) => affirmed(text, w, spans, near));

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
  const lower = text.toLowerCase();
  const terminal = terminalOf(lower);
  if (terminal.spans.length === 0) return undefined;
  const damaged = anyAffirmed(lower, DAMAGE_WORDS, terminal.spans);
  const dropped = !damaged && anyAffirmed(lower, DROP_WORDS, terminal.spans, rightAfterTerminal);
  const lost = dropped || anyAffirmed(lower, LOSS_WORDS, terminal.spans);
  if (!lost && !damaged) return undefined;
  return {
    loss: lost ? 'terminalLost' : 'terminalDamaged',
    terminal: terminal.kind,
    customerData: fact(text, DATA_NO, DATA_YES),
    locked: fact(text, LOCKED_NO, LOCKED_YES),
    description: text,
  };
}
