import type { Visit } from './truth.ts';

const KIND = { open: '開栓', close: '閉栓', transfer: '名変' } as const;

/** The reading the worker reads: an 開栓/名変 finds the meter where it was; a 閉栓 a little further. */
export function readingOf(v: Visit): number {
  return v.order.kind === 'close' ? v.order.previousReading + 3 : v.order.previousReading;
}

/** What the worker types first for a visit (with the planned typo: a letter l for the digit 1 in the reading). */
export function resultLine(v: Visit): string {
  const { serial, kind } = v.order;
  if (v.outcome === 'not_done') return `${serial} ${KIND[kind]}できず 不在で中に入れず`;
  const present = v.outcome === 'absent' ? '不在' : '在宅';
  const typed = v.order.noise === 'typo' ? `9${readingOf(v)}` : String(readingOf(v));
  if (kind === 'close') return `${serial} 閉栓完了 封印 指針${typed} 散水栓なし ${present}`;
  if (kind === 'open') return `${serial} 開栓完了 指針${typed} ${present} 散水栓なし`;
  return `${serial} 名変完了 指針${typed} ${present}`;
}

/**
 * How a worker answers the bot's question about the visit being reported; undefined when the question is not
 * one a worker in the field would recognise (the player then fails, naming it).
 */
export function answerTo(question: string, v: Visit): string | undefined {
  const reading = /指針 (\d+) で間違いありませんか/.exec(question);
  if (reading) return Number(reading[1]) === readingOf(v) ? 'はい' : `いいえ 指針${readingOf(v)}`;
  if (/指針を(入力|教えて|書いて)/.test(question)) return `指針${readingOf(v)}`;
  if (/散水栓・水栓柱はありましたか/.test(question)) return 'なし';
  if (/作業の了解を得ましたか/.test(question)) return 'はい';
  if (/お客さまは在宅でしたか/.test(question)) return v.outcome === 'absent' ? 'いなかった' : 'はい';
  if (/電話連絡しましたか/.test(question)) return 'はい';
  if (/パイロットは止まっていますか/.test(question)) return '止まった';
  if (/バルブは閉まっていましたか/.test(question)) return v.order.kind === 'transfer' ? '開いていた' : '閉まっていた';
  if (/連絡用紙/.test(question)) return '入れました';
  if (/その理由 \(その旨\)/.test(question)) return '前回から使用あり';
  if (/理由/.test(question)) return '不在で中に入れず';
  return undefined;
}
