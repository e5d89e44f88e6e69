import { describe, expect, it } from 'vitest';
import { parseReply } from '../../../../src/adapters/nlp/reply-parser.ts';
import { sameQuestion, writtenBeforeQuestion } from '../../../../src/application/results/handle-result-text.ts';
import type { PendingReply } from '../../../../src/application/results/ports.ts';
import { answerFlow, startFlow } from '../../../../src/application/results/text-flow.ts';
import { DEFAULT_USAGE_ALERT } from '../../../../src/domain/results/reading-check.ts';
import { flowOrder } from '../../../support/flow-order.ts';

const order = flowOrder('open');
const deps = { thresholds: DEFAULT_USAGE_ALERT };

const pending = (askedAfterEventId: number | null): PendingReply => ({
  personId: 'w02',
  orderNo: order.orderNo,
  step: 'confirm',
  state: '{}',
  expiresAt: new Date('2026-03-27T01:00:00Z'),
  sourceEventId: 7,
  askedAfterEventId,
});

describe('the answer rule', () => {
  it('an answer applies only when its event is newer than the question; without event ids nothing is refused', () => {
    expect(writtenBeforeQuestion(pending(9), 8)).toBe(true);
    expect(writtenBeforeQuestion(pending(9), 9)).toBe(true);
    expect(writtenBeforeQuestion(pending(9), 10)).toBe(false);
    expect(writtenBeforeQuestion(pending(9), undefined)).toBe(false);
    expect(writtenBeforeQuestion(pending(null), 1)).toBe(false);
  });

  it('the same question asked again keeps its marker; a changed question (another reading to confirm, the next step) does not', () => {
    const asked = startFlow(order, parseReply('0012 開栓完了 指針1005'), order.address, [], deps.thresholds).state;
    const unclear = answerFlow(order, asked, { reply: parseReply('うーん', { awaiting: 'reading' }), text: 'うーん' }, [], deps.thresholds);
    expect(unclear.unclear).toBe(true);
    expect(sameQuestion(deps, order, asked, unclear.state)).toBe(true);
    const otherReading = answerFlow(order, asked, { reply: parseReply('1006', { awaiting: 'reading' }), text: '1006' }, [], deps.thresholds);
    expect(otherReading.state.step).toEqual({ kind: 'confirm' });
    expect(sameQuestion(deps, order, asked, otherReading.state)).toBe(false);
    const next = answerFlow(order, asked, { reply: parseReply('はい'), text: 'はい' }, [], deps.thresholds);
    expect(sameQuestion(deps, order, asked, next.state)).toBe(false);
    expect(sameQuestion(deps, order, undefined, asked)).toBe(false);
  });
});
