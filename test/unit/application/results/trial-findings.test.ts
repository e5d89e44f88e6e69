import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';
import { interpretAnswer } from '../../../../src/application/results/flow-answers.ts';
import type { RecordedResult, ResultOrderInfo } from '../../../../src/application/results/ports.ts';
import { flagLines } from '../../../../src/application/results/result-flags.ts';
import { answerFlow, promptOf, startFlow, stepName, type FlowTurn } from '../../../../src/application/results/text-flow.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import { RESULT_ISSUE_CODES, type ResultIssueCode } from '../../../../src/domain/results/result-issue.ts';
import type { TaskKind } from '../../../../src/domain/work-order/task-kind.ts';
import { flowOrder } from '../../../support/flow-order.ts';

/** The findings of a new user's console trial: each played through the pure text flow. */
const order = flowOrder;

const T = DEFAULT_USAGE_ALERT;
const awaitsReading = (turn: FlowTurn) => turn.state.step.kind === 'confirm' || turn.state.step.kind === 'correct';
const say = (o: ResultOrderInfo, turn: FlowTurn, text: string): FlowTurn =>
  answerFlow(o, turn.state, { reply: parseReply(text, awaitsReading(turn) ? { awaiting: 'reading' } : {}), text }, [], T);

function talk(o: ResultOrderInfo, first: string, ...answers: string[]): FlowTurn[] {
  const turns = [startFlow(o, parseReply(first), o.address, [], T)];
  for (const a of answers) turns.push(say(o, turns.at(-1)!, a));
  return turns;
}

const last = (turn: FlowTurn) => turn.say.join('\n').split('\n').at(-1) ?? '';

describe('1. a free-text answer must say something', () => {
  // 開栓, previous reading 1000, reading 1010: その旨 is asked after the presence and the confirmation.
  const toStatement = () => {
    const o = order('open');
    const turns = talk(o, '0012 開栓完了 在宅 指針1010', 'はい');
    expect(stepName(turns.at(-1)!.state.step)).toBe('ask:readingDifferenceNote.missing');
    return { o, at: turns.at(-1)! };
  };

  it('refuses keyboard mash, digits, emoji, yes/no words and answers to other questions, and says what is expected', () => {
    const { o, at } = toStatement();
    for (const text of ['あsdfghjkl', 'asdf', '12345', '👍', 'ああああ', 'はい', 'いいえ', '了解', 'OK', 'なし', '在宅', '止まった', '止まってる', '完了', 'です']) {
      const out = say(o, at, text);
      expect(out.unclear, text).toBe(true);
      expect(out.state.draft.readingDifferenceNote, text).toBeUndefined();
      expect(out.say.join('\n'), text).toContain('言葉で書いてください');
      expect(last(out), text).toContain('その理由');
    }
    // 在宅 as a reason is no answer: nor is it recorded as the customer present (the draft is unchanged).
    expect(say(o, at, '在宅').state.draft).toEqual(at.state.draft);
  });

  it('takes a real sentence as typed', () => {
    const { o, at } = toStatement();
    for (const text of ['閉栓後に使用の形跡あり', 'お客さまが自分で開けていた', '前回の読み違いの可能性', 'メーター交換']) {
      const out = say(o, at, text);
      expect(out.unclear, text).toBeUndefined();
      expect(out.state.draft.readingDifferenceNote, text).toBe(text);
    }
  });

  it('the same for the reason of work not done, a note and how the phone call went', () => {
    const ask = (code: ResultIssueCode, text: string, kind: TaskKind = 'open') => interpretAnswer(order(kind), { code }, { reply: parseReply(text), text })?.patch;
    expect(ask('notDoneReason.missing', 'はい')).toBeUndefined();
    expect(ask('notDoneReason.missing', 'qwerty')).toBeUndefined();
    expect(ask('notDoneReason.missing', '門が施錠されていて入れず')).toEqual({ notDoneReason: '門が施錠されていて入れず' });
    expect(ask('notDoneReason.missing', '断られた', 'close')).toEqual({ notDoneReason: '断られた' });
    expect(ask('note.missing', '了解', 'other')).toBeUndefined();
    expect(ask('note.missing', 'メモ 在宅', 'other')).toBeUndefined();
    expect(ask('note.missing', '止水栓の位置を確認した', 'other')).toEqual({ note: '止水栓の位置を確認した' });
    expect(ask('phoneContactOutcome.missing', 'はい')).toBeUndefined();
    expect(ask('phoneContactOutcome.missing', 'つながらなかった')).toEqual({ phoneContactOutcome: 'つながらなかった' });
    expect(ask('phoneContactOutcome.missing', 'つながらず留守電に伝言')).toEqual({ phoneContactOutcome: 'つながらず留守電に伝言' });
  });
});

describe('2. a reply that says something else ends with the open question', () => {
  const params = { reading: 1010, previousReading: 1000, usage: 10, previousUsage: 20, work: '引上', diameterMm: 50, orderedMm: 20 };

  it('every question of the rules ends with a question or a request for an answer; the advices end with a question', () => {
    const o = order('open');
    for (const code of RESULT_ISSUE_CODES) {
      const prompt = promptOf(o, {}, { kind: 'ask', issue: { code, params } }, T);
      const end = prompt.split('\n').at(-1)!;
      expect(end, code).toMatch(/？|\?|(?:送って|書いて|教えて|送り直して)ください/u);
    }
    for (const code of ['outdoorTap.dryAfterOpen', 'outdoorTap.flowsAfterClose', 'customerConsent.refused', 'pilotChecked.required'] as const) {
      expect(promptOf(o, {}, { kind: 'ask', issue: { code } }, T).split('\n').at(-1), code).toMatch(/？/u);
    }
  });

  it('開栓, the tap dry (止まってる): not recordable as done; the question follows; なし is then no answer; できず keeps the dry tap for the supervisor', () => {
    const o = order('open', { previousReading: 1010 });
    const turns = talk(o, '0012 開栓完了 在宅 指針1010', 'はい', '止まってる');
    const advice = turns.at(-1)!;
    expect(stepName(advice.state.step)).toBe('ask:outdoorTap.dryAfterOpen');
    expect(advice.state.draft.outdoorTap).toBe('dry');
    expect(advice.complete).toBe(false);
    expect(last(advice)).toContain('水は出るようになりましたか？');
    const none = say(o, advice, 'なし');
    expect(none.unclear).toBe(true);
    expect(none.state.draft.outdoorTap).toBe('dry');
    expect(last(none)).toContain('水は出るようになりましたか？');
    const notDone = say(o, advice, 'できず バルブを開けても水が出ない');
    expect(notDone.complete).toBe(true);
    expect(notDone.state.draft).toMatchObject({ outcome: 'not_done', outdoorTap: 'dry' });
    const recorded = { ...notDone.state.draft, orderNo: o.orderNo, personId: 'w02', outcome: 'not_done', channel: 'console', recordedAt: new Date(), afterHours: false, afterHoursConsentId: null, photoCount: 0 } as RecordedResult;
    expect(flagLines(o, recorded).join('\n')).toContain('散水栓から水が出ない');
    const fixed = say(o, advice, '出ました');
    expect(fixed.complete).toBe(true);
    expect(fixed.state.draft.outdoorTap).toBe('flows');
  });

  it('閉栓, the customer refused: the consent question follows the refusal', () => {
    const o = order('close', { previousReading: 1010 });
    const turns = talk(o, '0012 閉栓完了 在宅 ピン交換 指針1010', 'はい', '断られた');
    expect(stepName(turns.at(-1)!.state.step)).toBe('ask:customerConsent.refused');
    expect(last(turns.at(-1)!)).toContain('お客さまの了解は得られましたか？');
  });
});

describe('3. a contradiction is asked as one yes/no question, never dropped', () => {
  it('ピンは交換したけどしてない: asked on a 名変 (pins are counted for every kind) as on a 閉栓', () => {
    const transfer = talk(order('transfer'), '0020 名変 完了 ピンは交換したけどしてない 指針2250')[0]!;
    expect(transfer.say.join('\n')).not.toContain('読み取れなかった部分');
    expect(stepName(transfer.state.step)).toBe('clarify:valvePinReplaced');
    expect(last(transfer)).toBe('ピンは交換しましたか（はい／いいえ）');
    const close = talk(order('close'), '0020 閉栓 完了 ピンは交換したけどしてない 指針2250')[0]!;
    expect(stepName(close.state.step)).toBe('clarify:valvePinReplaced');
    expect(last(close)).toBe('ピンは交換しましたか（はい／いいえ）');
  });
});

describe('4. the echo shows what was understood as not done', () => {
  it('ピンはなし / 漏水なし / 連絡用紙は入れてない are told back; ピンが硬くて… leaves no unread fragment', () => {
    const pin = talk(order('close'), '0012 閉栓完了 ピンはなし 封印 指針1010')[0]!.say.join('\n');
    expect(pin).toContain('ピン交換: なし');
    const leak = talk(order('open'), '0012 開栓完了 漏水なし 指針1010')[0]!.say.join('\n');
    expect(leak).toContain('漏水: なし');
    const slip = talk(order('open'), '0012 不在 連絡用紙は入れてない 指針1010')[0]!.say.join('\n');
    expect(slip).toContain('連絡用紙: 投函なし');
    const hard = talk(order('close'), '0012 閉栓 ピンが硬くて交換できず封印しました 指針1010')[0]!.say.join('\n');
    expect(hard).not.toContain('読み取れなかった部分');
    expect(hard).toContain('ピン交換: なし');
    expect(hard).toContain('封印');
  });
});

describe('5. a consent given answers the presence question', () => {
  it('お客さまの了解あり: present, and the consent where the kind asks it', () => {
    const ask = (text: string, kind: TaskKind) => interpretAnswer(order(kind), { code: 'customerPresent.missing' }, { reply: parseReply(text), text })?.patch;
    expect(ask('お客さまの了解あり', 'close')).toEqual({ customerPresent: true, customerConsent: true });
    expect(ask('了解もらいました', 'close')).toEqual({ customerPresent: true, customerConsent: true });
    expect(ask('お客さまの了解あり', 'open')).toEqual({ customerPresent: true });
    expect(ask('了解', 'close')).toBeUndefined();
  });
});

describe('6. there is a tap, whether water flows not said', () => {
  it('散水栓あり / 散水栓有り / 水栓柱あり keep the tap question open and ask 出る / 出ない; なし is then no answer', () => {
    for (const first of ['0012 開栓完了 在宅 散水栓あり 指針1010', '0012 開栓完了 在宅 散水栓有り 指針1010', '0012 開栓完了 在宅 水栓柱あり 指針1010']) {
      const o = order('open', { previousReading: 1010 });
      const [echo, asked] = talk(o, first, 'はい');
      expect(echo!.say.join('\n'), first).not.toContain('読み取れなかった部分');
      expect(last(asked!), first).toBe('散水栓・水栓柱から水は出ましたか？ (出る / 出ない)');
      expect(say(o, asked!, 'なし').unclear, first).toBe(true);
      expect(say(o, asked!, '出ました').state.draft.outdoorTap, first).toBe('flows');
    }
  });

  it('あり as the answer to the tap question asks 出る / 出ない', () => {
    const o = order('open', { previousReading: 1010 });
    const asked = talk(o, '0012 開栓完了 在宅 指針1010', 'はい').at(-1)!;
    expect(stepName(asked.state.step)).toBe('ask:outdoorTap.missing');
    for (const text of ['あり', 'ありました', '散水栓あり', '水栓柱有り']) {
      const out = say(o, asked, text);
      expect(out.unclear, text).toBeUndefined();
      expect(last(out), text).toBe('散水栓・水栓柱から水は出ましたか？ (出る / 出ない)');
      expect(say(o, out, '出ない').state.draft.outdoorTap, text).toBe('dry');
    }
  });
});
