import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';
import type { ResultOrderInfo } from '../../../../src/application/results/ports.ts';
import { answerFlow, startFlow, stepName, type FlowTurn } from '../../../../src/application/results/text-flow.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import type { TaskKind } from '../../../../src/domain/work-order/task-kind.ts';
import { flowOrder } from '../../../support/flow-order.ts';

const order = (kind: TaskKind) => flowOrder(kind, { orderNo: '20260327-0051', previousReading: 2000 });

const T = DEFAULT_USAGE_ALERT;
const say = (o: ResultOrderInfo, turn: FlowTurn, text: string): FlowTurn => {
  const awaiting = turn.state.step.kind === 'confirm' || turn.state.step.kind === 'correct';
  return answerFlow(o, JSON.parse(JSON.stringify(turn.state)), { reply: parseReply(text, awaiting ? { awaiting: 'reading' } : {}), text }, [], T);
};

describe('an unclear fact in a result text is asked, never guessed', () => {
  const close = order('close');

  it('asks one short yes/no question before anything else and records nothing until answered', () => {
    const first = startFlow(close, parseReply('0051 閉栓完了 在宅 了解済 指針2045 ピンは交換したけどしてない 散水栓出ない'), '架空町', [], T);
    expect(first.complete).toBe(false);
    expect(stepName(first.state.step)).toBe('clarify:valvePinReplaced');
    expect(first.say.at(-1)).toBe('ピンは交換しましたか（はい／いいえ）');
    expect(first.state.draft.valvePinReplaced).toBeUndefined();

    const yes = say(close, first, '交換済');
    expect(yes.state.draft.valvePinReplaced).toBe(true);
    expect(stepName(yes.state.step)).toBe('confirm');
    const done = say(close, yes, 'はい');
    expect(done.complete).toBe(true);
    expect(done.state.draft).toMatchObject({ valvePinReplaced: true, reading: 2045, readingConfirmed: true });
  });

  it('takes いいえ / してない as no, then the kind rule asks for the pin or seal', () => {
    const first = startFlow(close, parseReply('0051 閉栓完了 在宅 了解済 指針2045 ピン交換したけどしてない 散水栓出ない'), '架空町', [], T);
    const no = say(close, first, 'してない');
    expect(no.state.draft.valvePinReplaced).toBe(false);
    const confirmed = say(close, no, 'はい');
    expect(stepName(confirmed.state.step)).toBe('ask:valvePinOrSeal.missing');
  });

  it('asks the next unclear fact after the first, one at a time', () => {
    const first = startFlow(close, parseReply('0051 閉栓完了 指針2045 ピン交換 ピンなし 封印したけどしてない'), '架空町', [], T);
    expect(stepName(first.state.step)).toBe('clarify:valvePinReplaced');
    const second = say(close, first, 'いいえ');
    expect(stepName(second.state.step)).toBe('clarify:sealFitted');
    expect(second.say).toEqual(['封印はしましたか（はい／いいえ）']);
    const third = say(close, second, 'はい');
    expect(third.state.draft).toMatchObject({ valvePinReplaced: false, sealFitted: true });
    expect(third.state.clarify).toBeUndefined();
  });

  it('asks again with the expected answers when the answer is anything else, and keeps the draft', () => {
    const first = startFlow(close, parseReply('0051 閉栓完了 指針2045 ピンは交換したけどしてない'), '架空町', [], T);
    const other = say(close, first, 'たぶん');
    expect(other.unclear).toBe(true);
    expect(other.complete).toBe(false);
    expect(other.say).toEqual(['「はい」か「いいえ」でお答えください。', 'ピンは交換しましたか（はい／いいえ）']);
    expect(other.state).toEqual(first.state);
  });

  it('asks an open order about a pin too (pins are counted for every kind), but not about a meter removal', () => {
    const first = startFlow(order('open'), parseReply('0051 開栓完了 指針2045 ピンは交換したけどしてない'), '架空町', [], T);
    expect(stepName(first.state.step)).toBe('clarify:valvePinReplaced');
    const removal = startFlow(order('open'), parseReply('0051 開栓完了 指針2045 メーター撤去したけどしてない'), '架空町', [], T);
    expect(removal.state.step.kind).not.toBe('clarify');
  });
});
