import type { Visit } from './truth.ts';

const KIND = { open: '開栓', close: '閉栓', transfer: '名変' } as const;

/** The reading the worker reads: an 開栓/名変 finds the meter where it was; a 閉栓 a little further. */
export function readingOf(v: Visit): number {
  return v.order.kind === 'close' ? v.order.previousReading + 3 : v.order.previousReading;
}

/** The reading typed first: a typo (a 9 in front, caught at the echo) or a misread (confirmed, corrected later). */
function typedReading(v: Visit): string {
  if (v.order.noise === 'typo') return `9${readingOf(v)}`;
  if (v.order.noise === 'correction') return String(readingOf(v) + 10);
  return String(readingOf(v));
}

/** What the worker says about the meter work the order asks for (a fitted meter's number and diameter). */
function meterWords(v: Visit): string {
  if (v.order.meterJob === 'install') return ` メーター取付 メーター番号 M8${v.order.serial} 口径${v.order.diameter}`;
  if (v.order.meterJob === 'remove') return ' メーター引上 連絡用紙投函';
  return '';
}

/** What the worker types first for a visit, with the order's noise. */
export function resultLine(v: Visit): string {
  const { serial, kind, noise } = v.order;
  if (v.outcome === 'not_done') return `${serial} ${KIND[kind]}できず 不在で中に入れず`;
  const absent = v.outcome === 'absent';
  const present = absent ? '不在' : noise === 'negation' && kind !== 'close' ? '不在じゃない' : '在宅';
  const reading = `指針${typedReading(v)}`;
  const meter = meterWords(v);
  if (kind === 'close') {
    const pin = v.order.pin ? ' ピン交換' : noise === 'negation' ? ' ピン交換なし' : '';
    return `${serial} 閉栓完了 封印${pin} ${reading}${meter} 散水栓なし ${present}`;
  }
  const pin = v.order.pin ? ' ピン交換' : '';
  if (kind === 'open') return `${serial} 開栓完了 ${reading}${meter}${pin} ${present} 散水栓なし`;
  return `${serial} 名変完了 ${reading} ${present}`;
}

/** The 訂正 a worker sends after confirming a misread reading (undefined: nothing to correct). */
export function correctionLine(v: Visit): string | undefined {
  if (v.order.noise !== 'correction' || v.outcome === 'not_done') return undefined;
  return `訂正 ${v.order.serial} 指針${readingOf(v)}`;
}

/**
 * How a worker answers the bot's question about the visit being reported; undefined when the question is not
 * one a worker in the field would recognise (the player then fails, naming it).
 */
export function answerTo(question: string, v: Visit): string | undefined {
  const reading = /指針 (\d+) で間違いありませんか/.exec(question);
  // A misread reading is confirmed as read (the worker notices later and sends 訂正).
  if (reading) return Number(reading[1]) === readingOf(v) || (v.order.noise === 'correction' && Number(reading[1]) === readingOf(v) + 10) ? 'はい' : `いいえ 指針${readingOf(v)}`;
  if (/訂正します/.test(question)) return 'はい';
  if (/指針を(入力|教えて|書いて)/.test(question)) return `指針${readingOf(v)}`;
  if (/散水栓・水栓柱はありましたか/.test(question)) return 'なし';
  if (/作業の了解を得ましたか/.test(question)) return 'はい';
  if (/お客さまは在宅でしたか/.test(question)) return v.outcome === 'absent' ? 'いなかった' : 'はい';
  if (/電話連絡しましたか/.test(question)) return 'はい';
  if (/パイロットは止まっていますか/.test(question)) return '止まった';
  if (/バルブは閉まっていましたか/.test(question)) return v.order.kind === 'transfer' ? '開いていた' : '閉まっていた';
  if (/メーター(取付|引上)を行いましたか/.test(question)) return 'はい';
  if (/メーター番号を送って/.test(question)) return `メーター番号 M8${v.order.serial}`;
  if (/メーターの口径を送って/.test(question)) return `口径${v.order.diameter}`;
  if (/バルブのピンを取り替えましたか/.test(question)) return v.order.pin ? 'ピン交換' : '封印';
  if (/連絡用紙/.test(question)) return '入れました';
  if (/その理由 \(その旨\)/.test(question)) return '前回から使用あり';
  if (/登録と違うもの/.test(question)) return 'いいえ';
  if (/理由/.test(question)) return '不在で中に入れず';
  return undefined;
}
