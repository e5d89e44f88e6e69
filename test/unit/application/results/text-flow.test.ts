import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';
import { interpretAnswer } from '../../../../src/application/results/flow-answers.ts';
import type { ResultOrderInfo } from '../../../../src/application/results/ports.ts';
import { answerFlow, draftFromReply, startFlow, stepName, type FlowTurn } from '../../../../src/application/results/text-flow.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import { flowOrder } from '../../../support/flow-order.ts';

const order = flowOrder;

const T = DEFAULT_USAGE_ALERT;
const start = (o: ResultOrderInfo, text: string) => startFlow(o, parseReply(text), o.address, [], T);
const reading = (step: FlowTurn['state']['step']) => step.kind === 'confirm' || step.kind === 'correct' || (step.kind === 'ask' && step.issue.code.startsWith('reading'));

/** Answers one message the way handle-result-text does (a reading is awaited at the confirm step). */
function say(o: ResultOrderInfo, turn: FlowTurn, text: string): FlowTurn {
  const reply = parseReply(text, reading(turn.state.step) || (turn.state.step.kind === 'ask' && turn.state.step.issue.code === 'meterDiffersFromRecord.missing') ? { awaiting: 'reading' } : {});
  return answerFlow(o, turn.state, { reply, text }, [], T);
}

function talk(o: ResultOrderInfo, first: string, ...answers: string[]): FlowTurn[] {
  const turns = [start(o, first)];
  for (const a of answers) turns.push(say(o, turns.at(-1)!, a));
  return turns;
}

describe('the text flow (pure)', () => {
  it('reads what workers type: 0012 開栓完了 指針1187, 12番 閉栓済 ピン交換 1234, 0007 不在 パイロット回ってる バルブ閉', () => {
    expect(draftFromReply(order('open'), parseReply('0012 開栓完了 指針1187'))).toMatchObject({ outcome: 'done', reading: 1187, readingConfirmed: false });
    expect(draftFromReply(order('close'), parseReply('12番 閉栓済 ピン交換 1234'))).toMatchObject({ outcome: 'done', reading: 1234, valvePinReplaced: true });
    expect(draftFromReply(order('open'), parseReply('０００７ 不在 ﾊﾟｲﾛｯﾄ回ってる バルブ閉'))).toMatchObject({
      outcome: 'absent',
      customerPresent: false,
      pilotChecked: true,
      pilotStillTurning: true,
      valveClosedForPilot: true,
    });
  });

  it('echoes, confirms the reading, asks what is missing one at a time, and completes', () => {
    const turns = talk(order('open'), '0012 開栓完了 指針1010', 'はい', '閉栓中に使用の形跡あり', 'はい', '出る');
    expect(turns[0]!.say.join('\n')).toContain('作業: 20260327-0012 開栓 (石川県金沢市架空町1-1)');
    expect(turns.map((t) => (t.complete ? 'complete' : stepName(t.state.step)))).toEqual([
      'confirm',
      'ask:readingDifferenceNote.missing',
      'ask:customerPresent.missing',
      'ask:outdoorTap.missing',
      'complete',
    ]);
    expect(turns[1]!.say.at(-1)).toContain('指針 1010 が前回指針 1000 と異なります');
    expect(turns.at(-1)!.state.draft).toMatchObject({ reading: 1010, readingConfirmed: true, readingDifferenceNote: '閉栓中に使用の形跡あり', customerPresent: true, outdoorTap: 'flows' });
  });

  it('denied: asks for the right reading and confirms that one; a corrected reading can come with the denial', () => {
    const turns = talk(order('open'), '0012 開栓完了 指針1010 在宅 散水栓出る', 'いいえ', '1011', '違う 指針1012', 'はい', '前回の読み違い');
    expect(turns.map((t) => (t.complete ? 'complete' : stepName(t.state.step)))).toEqual(['confirm', 'correct', 'confirm', 'confirm', 'ask:readingDifferenceNote.missing', 'complete']);
    expect(turns[1]!.say[0]).toContain('正しい指針を送ってください');
    expect(turns[2]!.say[0]).toContain('指針 1011 で間違いありませんか');
    expect(turns.at(-1)!.state.draft.reading).toBe(1012);
  });

  it('a lower reading: replaced (meter details asked), different (検満) or misread (the reading is asked again)', () => {
    const replaced = talk(order('open'), '0012 開栓完了 指針12 在宅 散水栓出る', 'はい', '交換', 'M9', '20');
    expect(replaced.map((t) => (t.complete ? 'complete' : stepName(t.state.step)))).toEqual([
      'confirm',
      'ask:meterDiffersFromRecord.missing',
      'ask:meterNumber.missing',
      'ask:meterDiameterMm.missing',
      'complete',
    ]);
    expect(replaced.at(-1)!.state.draft).toMatchObject({ meterWorkDone: 'replace', meterDiffersFromRecord: true, meterNumber: 'M9', meterDiameterMm: 20 });
    const differs = talk(order('open'), '0012 開栓完了 指針12 在宅 散水栓出る', 'はい', '検満', '検満済みの別メーターが付いていた', 'メーター番号 M9', '口径20', 'はい');
    expect(differs.map((t) => (t.complete ? 'complete' : stepName(t.state.step))).slice(2)).toEqual([
      'ask:readingDifferenceNote.missing',
      'ask:meterNumber.missing',
      'ask:meterDiameterMm.missing',
      'ask:customerToldOfDefect.missing',
      'complete',
    ]);
    expect(differs.at(-1)!.state.draft).toMatchObject({ readingDifferenceNote: '検満済みの別メーターが付いていた', customerToldOfDefect: true });
    expect(differs.at(-1)!.state.draft.meterWorkDone).toBeUndefined();
    const misread = talk(order('open'), '0012 開栓完了 指針12 在宅 散水栓出る', 'はい', 'いいえ', '1012');
    expect(stepName(misread[2]!.state.step)).toBe('ask:reading.missing');
    expect(misread[2]!.say.join('\n')).toContain('読み間違いの場合');
    expect(stepName(misread[3]!.state.step)).toBe('confirm');
  });

  it('a usage far above the previous one is confirmed with its own question', () => {
    const [first] = talk(order('close'), '0012 閉栓完了 指針1500');
    expect(first!.say.at(-1)).toContain('今回の使用量が 500 m³ で、前回使用量 20 m³ より大幅に多くなります');
  });

  it('an absent 開栓 with the pilot still turning needs the valve closed, the slip and the call with its outcome', () => {
    const turns = talk(order('open'), '0012 不在 開栓 指針1000 パイロット回ってる バルブ閉 散水栓出る', 'はい', 'いいえ', 'はい', '電話した', 'つながらず');
    expect(turns.map((t) => (t.complete ? 'complete' : stepName(t.state.step)))).toEqual([
      'confirm',
      'ask:noticeSlipLeft.missing',
      'ask:noticeSlipLeft.missing',
      'ask:phoneContacted.missing',
      'ask:phoneContactOutcome.missing',
      'complete',
    ]);
    expect(turns[2]!.say[0]).toContain('この対応は必ず必要です');
    expect(turns.at(-1)!.state.draft.phoneContactOutcome).toBe('つながらず');
  });

  it('asks again, never guesses, when an answer does not answer; 「できず」 turns it into work not done', () => {
    const [first, unclear] = talk(order('open'), '0012 開栓完了 指針1010', '見てきます');
    expect(unclear!.unclear).toBe(true);
    expect(unclear!.state).toEqual(first!.state);
    const notDone = talk(order('close'), '0012 閉栓完了 指針1010', 'はい', 'できず お客さまが拒否');
    expect(notDone.at(-1)!.complete).toBe(true);
    expect(notDone.at(-1)!.state.draft).toMatchObject({ outcome: 'not_done', notDoneReason: 'お客さまが拒否' });
  });

  it('short answers the parser leaves to the conversation', () => {
    const o = order('open');
    const ask = (code: Parameters<typeof interpretAnswer>[1]['code'], text: string) => interpretAnswer(o, { code }, { reply: parseReply(text), text })?.patch;
    expect(ask('outdoorTap.missing', 'なし')).toEqual({ outdoorTap: 'none' });
    expect(ask('outdoorTap.missing', '散水栓出た')).toEqual({ outdoorTap: 'flows' });
    expect(ask('pilotStillTurning.missing', '止まった')).toEqual({ pilotChecked: true, pilotStillTurning: false });
    expect(ask('pilotStillTurning.missing', '回ってる')).toEqual({ pilotChecked: true, pilotStillTurning: true });
    expect(ask('valveFoundClosed.missing', '閉まってた')).toEqual({ valveFoundClosed: true });
    expect(ask('valvePinOrSeal.missing', '封印')).toEqual({ sealFitted: true });
    expect(ask('meterDiameterMm.missing', 'φ２５')).toEqual({ meterDiameterMm: 25 });
    expect(ask('customerPresent.missing', '不在')).toEqual({ customerPresent: false });
    expect(ask('outdoorTap.missing', 'たぶん')).toBeUndefined();
  });

  it('その他: a reading given is confirmed and kept, never dropped', () => {
    const turns = talk(order('other'), '0012 その他 完了 指針1003 メモ 止水栓の位置を確認', 'はい');
    expect(turns.map((t) => (t.complete ? 'complete' : stepName(t.state.step)))).toEqual(['confirm', 'complete']);
    expect(turns.at(-1)!.state.draft).toMatchObject({ reading: 1003, readingConfirmed: true });
  });
});
