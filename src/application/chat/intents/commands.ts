import { isOneOf, keywordOf } from '../routes/keywords.ts';

/**
 * The chat's typed commands other than help and 残り, as the chat surface recognises them: pure functions of the
 * text (other spellings reach here in their canonical form: templates/command-spellings.yaml).
 */

const REASSIGN = /^(?:振替え?|振り替え|振りかえ|ふりかえ)(?=\s|$|\d)\s*(.*)$/su;
const PARTICLES = ['を', 'に', 'へ', 'から', 'さん'];
const PROGRESS_WORDS = ['進捗', 'しんちょく', '状況', '全体', '進捗状況', '全体状況', '全体の進捗', '全体の状況', 'みんなの進捗', '全員の進捗', '進捗確認'];

/** 「進捗」「進捗は?」「全体の状況」 (question marks and a trailing は ignored). */
export function isProgressRequest(text: string): boolean {
  const word = keywordOf(text).replace(/[?？]+$/u, '').replace(/は$/u, '');
  return PROGRESS_WORDS.includes(word);
}

/** 「振替 0012 w03」「振替 0012を 試験 花子に」 → the order and the worker as typed; 'usage' when something is missing. */
export function parseReassign(text: string): { orderRef: string; workerRef: string } | 'usage' | undefined {
  const m = REASSIGN.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const tokens = m[1]!
    .split(/\s*(?:→|->|⇒)\s*|[\s、,]+/u)
    .filter((w) => w && !PARTICLES.includes(w));
  const orderRef = (tokens[0] ?? '').replace(/を$/u, '');
  const workerRef = tokens.slice(1).join(' ').replace(/(?:さん)?(?:に|へ)?$/u, '').replace(/さん$/u, '');
  return orderRef && workerRef ? { orderRef, workerRef } : 'usage';
}

const RERUN_WORDS = ['再振り分け', '再振分け', '再振分', '再振り分けして', '振り分け直し', '振り分けし直し', '振り直し', 'さいふりわけ'];

/** 「再振り分け」: the day's assignment again (a supervisor, before the morning post). */
export const isRerunRequest = (text: string) => RERUN_WORDS.includes(keywordOf(text).replace(/[?？]+$/u, ''));

const DOUBT_WORDS = ['疑義', 'ぎぎ', '疑義連絡', '質問'];
const PHOTO_FOR_DOUBT = /^(?:疑義|ぎぎ)\s*[#＃]\s*(\d+)/u;

/** 「疑義」 alone: the doubt form. */
export const isDoubtCommand = (text: string) => DOUBT_WORDS.includes(keywordOf(text));

/** 「疑義 #12」 (with photos): the doubt the photos are for. */
export function doubtPhotoNo(text: string): number | undefined {
  const m = PHOTO_FOR_DOUBT.exec(text.normalize('NFKC').trim());
  return m ? Number(m[1]) : undefined;
}

const OVERTIME_WORDS = ['時間外', '時間外作業', '時間外依頼', '残業'];

/** 「時間外」: the day's supervisor asks the bureau's consent to work after hours. */
export const isOvertimeRequest = (text: string) => OVERTIME_WORDS.includes(keywordOf(text));

const CONFIRM_WORDS = ['完了報告', '終業', '終業報告', '本日完了'];

/** 「完了報告」 typed: the worker's day is done (as the prompt card's button). */
export const isDayEndConfirm = (text: string) => isOneOf(text, CONFIRM_WORDS);

/** 「当番交代 …」 (its arguments are read by the complaints' handler, which answers how to write it). */
export const isRosterSwap = (text: string) => text.normalize('NFKC').trim().startsWith('当番交代');
