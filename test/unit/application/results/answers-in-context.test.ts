import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';
import { clarifyAnswerOf } from '../../../../src/application/results/clarify-answers.ts';
import { interpretAnswer } from '../../../../src/application/results/flow-answers.ts';
import { answerFlow, startFlow, stepName } from '../../../../src/application/results/text-flow.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import type { ResultIssueCode } from '../../../../src/domain/results/result-issue.ts';
import type { TaskKind } from '../../../../src/domain/work-order/task-kind.ts';
import { flowOrder } from '../../../support/flow-order.ts';

const order = flowOrder;

/** What an answer typed to the question `code` settles (undefined: no answer, the question is asked again). */
const ask = (code: ResultIssueCode, text: string, kind: TaskKind = 'open') =>
  interpretAnswer(order(kind), { code }, { reply: parseReply(text), text })?.patch;

describe('answers in the context of the open question', () => {
  it('お客さまは在宅でしたか: いなかった / 留守 / 不在でした = no; いた / 在宅 = yes', () => {
    for (const no of ['いなかった', 'いませんでした', '留守', '不在でした', 'いないです', 'お客さんはいなかった', '誰もいませんでした', '留守でした。']) {
      expect(ask('customerPresent.missing', no), no).toEqual({ customerPresent: false });
    }
    for (const yes of ['いた', 'いました', '在宅', '在宅でした', 'はい', 'お客さまいました', '立ち会いあり']) {
      expect(ask('customerPresent.missing', yes), yes).toEqual({ customerPresent: true });
    }
    expect(ask('customerPresent.missing', '了解')).toBeUndefined();
    expect(ask('customerPresent.missing', 'たぶん')).toBeUndefined();
  });

  it('パイロットは止まっていますか: 止めました / 止まった / 止まってます = stopped; 回ってる / 止まってない = turning', () => {
    const stopped = { pilotChecked: true, pilotStillTurning: false };
    const turning = { pilotChecked: true, pilotStillTurning: true };
    for (const s of ['止めました', '止まった', '止まってます', '止まっています', 'とまってます', 'パイロットは止まりました', '回ってない', '回っていません', 'はい', '停止']) {
      expect(ask('pilotStillTurning.missing', s), s).toEqual(stopped);
    }
    for (const s of ['回ってる', '回っています', 'まわってます', '止まってない', '止まっていません', '止まらない', 'パイロット止まってません', 'いいえ', '回転してます']) {
      expect(ask('pilotStillTurning.missing', s), s).toEqual(turning);
    }
    expect(ask('pilotStillTurning.missing', '了解')).toBeUndefined();
    expect(ask('pilotStillTurning.missing', '完了')).toBeUndefined();
    // The demand to check the pilot is no yes/no question: はい says nothing about it.
    expect(ask('pilotChecked.required', 'はい')).toBeUndefined();
    expect(ask('pilotChecked.required', '止まってます')).toEqual(stopped);
  });

  it('お客さまの了解: 了解 / 了解もらいました / お客さまの了解あり = yes; 断られた = no', () => {
    for (const code of ['customerConsent.missing', 'customerConsent.refused'] as const) {
      for (const yes of ['お客さまの了解あり', '了解もらいました', '了解', 'はい', '了解得ました', '了承もらいました', 'お客さん了解済み']) {
        expect(ask(code, yes, 'close'), `${code} ${yes}`).toEqual({ customerConsent: true });
      }
      for (const no of ['断られた', '了解なし', 'いいえ', '了解もらえなかった']) {
        expect(ask(code, no, 'close'), `${code} ${no}`).toEqual({ customerConsent: false });
      }
    }
  });

  it('了解 confirms no reading: the reading is asked again; はい / OK / 合ってます confirm it', () => {
    const o = order('open');
    const first = startFlow(o, parseReply('0012 開栓完了 指針1010'), o.address, [], DEFAULT_USAGE_ALERT);
    expect(stepName(first.state.step)).toBe('confirm');
    const answer = (text: string) => answerFlow(o, first.state, { reply: parseReply(text, { awaiting: 'reading' }), text }, [], DEFAULT_USAGE_ALERT);
    for (const ack of ['了解', '了解です', '了解しました', '承知しました', 'りょうかい', 'わかりました']) {
      const out = answer(ack);
      expect(out.unclear, ack).toBe(true);
      expect(out.state.draft.readingConfirmed, ack).toBe(false);
    }
    for (const yes of ['はい', 'OK', '合ってます', 'はい、合ってます', 'そうです']) {
      expect(answer(yes).state.draft.readingConfirmed, yes).toBe(true);
    }
  });

  it('the clarifying yes/no questions: 了解 is a yes only about the customer\'s consent', () => {
    const answer = (text: string) => ({ reply: parseReply(text), text });
    expect(clarifyAnswerOf('valvePinReplaced', answer('了解'))).toBeNull();
    expect(clarifyAnswerOf('customerConsent', answer('了解'))).toBe(true);
    expect(clarifyAnswerOf('valvePinReplaced', answer('はい'))).toBe(true);
  });

  it('散水栓・水栓柱: 出ました / 水出てます = flows, 出ません / 出てない = dry, ありません / なかった = none', () => {
    for (const s of ['出ました', '水出てます', '出ています', '水は出た', '散水栓から出ました']) expect(ask('outdoorTap.missing', s), s).toEqual({ outdoorTap: 'flows' });
    for (const s of ['出ません', '出てない', '水出ない', '出なかった', '水は出ていません']) expect(ask('outdoorTap.missing', s), s).toEqual({ outdoorTap: 'dry' });
    for (const s of ['ありません', 'なかった', 'なし', '散水栓はなかった']) expect(ask('outdoorTap.missing', s), s).toEqual({ outdoorTap: 'none' });
  });

  it('バルブは閉まっていましたか: 閉まってました / はい = closed; 開いてました / 閉まってなかった / いいえ = open', () => {
    for (const s of ['閉まってました', '閉まっていました', 'しまってた', 'はい', 'バルブは閉まってた', '開いてなかった']) {
      expect(ask('valveFoundClosed.missing', s), s).toEqual({ valveFoundClosed: true });
    }
    for (const s of ['開いてました', 'あいてた', '閉まってなかった', 'いいえ', 'バルブ開いてた']) {
      expect(ask('valveFoundClosed.missing', s), s).toEqual({ valveFoundClosed: false });
    }
  });

  it('yes/no questions (止水, 連絡用紙, 電話, 使用者への連絡, 通告): plain verbs and their negations', () => {
    expect(ask('valveClosedForPilot.missing', '止めました')).toEqual({ valveClosedForPilot: true });
    expect(ask('valveClosedForPilot.missing', '閉めました')).toEqual({ valveClosedForPilot: true });
    expect(ask('valveClosedForPilot.missing', '止水しました')).toEqual({ valveClosedForPilot: true });
    expect(ask('noticeSlipLeft.missing', '入れました')).toEqual({ noticeSlipLeft: true });
    expect(ask('noticeSlipLeft.missing', '投函しました')).toEqual({ noticeSlipLeft: true });
    expect(ask('noticeSlipLeft.missing', 'まだです')).toMatchObject({ noticeSlipLeft: false });
    expect(ask('phoneContacted.missing', '電話しました')).toEqual({ phoneContacted: true });
    expect(ask('phoneContacted.missing', 'つながらなかった')).toEqual({ phoneContacted: true, phoneContactOutcome: 'つながらなかった' });
    expect(ask('customerToldOfDefect.missing', '伝えました')).toEqual({ customerToldOfDefect: true });
    expect(ask('customerToldOfDefect.missing', '連絡してない')).toEqual({ customerToldOfDefect: false });
    expect(ask('improperUseNotified.missing', '通告しました')).toEqual({ improperUseNotified: true });
    expect(ask('improperUseNotified.missing', 'していません')).toEqual({ improperUseNotified: false });
    for (const code of ['noticeSlipLeft.missing', 'phoneContacted.missing', 'customerToldOfDefect.missing'] as const) {
      expect(ask(code, '了解'), code).toBeUndefined();
    }
  });

  it('指針が前回より小さい: 交換しました = replaced, 違うメーターでした / 検満でした = differs, 読み間違いでした = read again', () => {
    const replaced = { meterWorkDone: 'replace', meterDiffersFromRecord: true };
    for (const s of ['交換', '交換しました', '取り替えました']) expect(ask('meterDiffersFromRecord.missing', s), s).toEqual(replaced);
    for (const s of ['相違', '違うメーターでした', '検満でした', '登録と違いました', 'メーターが違う']) {
      expect(ask('meterDiffersFromRecord.missing', s), s).toEqual({ meterDiffersFromRecord: true });
    }
    for (const s of ['読み間違いでした', '見間違えました', 'いいえ']) {
      expect(ask('meterDiffersFromRecord.missing', s), s).toEqual({ reading: null, readingConfirmed: false, meterDiffersFromRecord: null });
    }
    expect(ask('meterDiffersFromRecord.missing', '了解')).toBeUndefined();
  });

  it('作業の結果: 終わりました = done, 留守でした = absent, できませんでした = not done', () => {
    expect(ask('outcome.missing', '終わりました')).toEqual({ outcome: 'done' });
    expect(ask('outcome.missing', '留守でした')).toEqual({ outcome: 'absent', customerPresent: false });
    expect(ask('outcome.missing', 'できませんでした')).toMatchObject({ outcome: 'not_done' });
  });

  it('ピン交換 / 封印: 交換しました / 取り替えました = the pin; 封印しました = the seal', () => {
    expect(ask('valvePinOrSeal.missing', '交換しました', 'close')).toEqual({ valvePinReplaced: true });
    expect(ask('valvePinOrSeal.missing', '取り替えました', 'close')).toEqual({ valvePinReplaced: true });
    expect(ask('valvePinOrSeal.missing', '封印しました', 'close')).toEqual({ sealFitted: true });
  });

  it('行った作業の内容 (その他): メモ / 備考 before the text is not part of the note', () => {
    expect(ask('note.missing', 'メモ 止水栓の位置を確認', 'other')).toEqual({ note: '止水栓の位置を確認' });
    expect(ask('note.missing', '止水栓の位置を確認', 'other')).toEqual({ note: '止水栓の位置を確認' });
  });
});

describe('その他 with a note (メモ …)', () => {
  it('reads the kind, no fact from the nouns of the note, and the note exactly as written after the marker', () => {
    const reply = parseReply('0012 その他 完了 指針1003 メモ 止水栓の位置を確認');
    expect(reply).toMatchObject({ kind: 'other', outcome: 'done', reading: 1003, facts: {}, memo: '止水栓の位置を確認', note: null });
    const o = order('other');
    const first = startFlow(o, reply, o.address, [], DEFAULT_USAGE_ALERT);
    expect(first.state.draft.note).toBe('止水栓の位置を確認');
    expect(first.say.join('\n')).not.toContain('読み取れなかった');
  });
});
