import { chainPolicy } from '../../domain/escalation/chain.ts';
import { decideNext } from '../../domain/escalation/decide-next.ts';
import { t } from '../../templates.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { nameLookup } from '../cases/case-text.ts';
import { notifyDoubtLevel } from './notify-doubt-level.ts';
import { sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { DOUBT_ESCALATE, doubtLevelKey, escalationStateOf, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import type { CaseChange } from '../cases/ports.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

type Step =
  | { type: 'notify'; level: number; from: number }
  | { type: 'resend'; level: number }
  | { type: 'stopped'; reason: string }
  | { type: 'wait' }
  | { type: 'exhausted'; recipients: string[] };

const SYSTEM = { actorId: null, channel: 'system' };

/** The step of a doubt.escalate timer, decided on the doubt as read inside the write funnel. */
export function decideEscalationStep(doubt: DoubtRecord, level: number, now: Date): CaseChange<DoubtPatch, Step> {
  // A step applied before (an instance died after writing it, before its messages went out): send them again.
  if (doubt.state === 'open' && doubt.levelNotifiedAt && doubt.currentLevel >= level && level < doubt.chain.steps.length) {
    return { result: { type: 'resend', level: doubt.currentLevel } };
  }
  const decision = decideNext(escalationStateOf(doubt), chainPolicy(doubt.chain), now);
  const at = { doubtId: doubt.id, level };
  switch (decision.type) {
    case 'stop':
    case 'expired':
    case 'nobodyReachable': {
      const reason = decision.type === 'stop' ? decision.reason : decision.type;
      return { effects: { events: [{ action: 'escalationStopped', actorId: null, detail: { ...at, reason } }] }, result: { type: 'stopped', reason } };
    }
    case 'waitUntil': {
      const dedupeKey = `${doubtLevelKey(doubt.id, level)}:at:${decision.at.getTime()}`;
      return { effects: { schedule: [timerSpec(DOUBT_ESCALATE, decision.at, at, dedupeKey)] }, result: { type: 'wait' } };
    }
    case 'exhausted':
      return {
        effects: { events: [{ action: 'chainExhausted', actorId: null, detail: { recipients: decision.recipients } }], audit: { ...SYSTEM, action: 'doubt.exhausted' } },
        result: { type: 'exhausted', recipients: decision.recipients },
      };
    case 'notify': {
      const next = decision.dueNextAt
        ? [timerSpec(DOUBT_ESCALATE, decision.dueNextAt, { doubtId: doubt.id, level: decision.step + 1 }, doubtLevelKey(doubt.id, decision.step + 1))]
        : [];
      return {
        patch: { currentLevel: decision.step, levelNotifiedAt: now, holderId: decision.recipients[0] ?? null },
        effects: {
          events: [{ action: 'levelStarted', actorId: null, detail: { level: decision.step, recipients: decision.recipients, after: doubt.currentLevel } }],
          audit: { ...SYSTEM, action: 'doubt.escalate', before: { level: doubt.currentLevel, holderId: doubt.holderId }, after: { level: decision.step, holderId: decision.recipients[0] ?? null } },
          schedule: next,
        },
        result: { type: 'notify', level: decision.step, from: doubt.currentLevel },
      };
    }
  }
}

async function remindExhausted(deps: DoubtDeps, doubt: DoubtRecord, recipients: string[]): Promise<void> {
  deps.logger.warn('doubt chain exhausted without an acknowledgement', { doubtId: doubt.id, recipients: recipients.length });
  await sendDoubtNotice(deps, doubt, recipients, 'exhausted', t('escalation.doubt.exhausted', { id: doubt.id }));
}

/**
 * Timer handler 'doubt.escalate' (payload {doubtId, level}): no acknowledgement within the level's timeout → the
 * next level gets the card and the worker is told who has it now. Acknowledged or closed meanwhile → nothing is sent.
 */
export function createDoubtEscalation(deps: DoubtDeps): TimerHandler {
  return async (timer, now) => {
    const { doubtId, level } = readPayload(DOUBT_ESCALATE, timer.payload);
    const outcome = await deps.doubts.change(doubtId, now, (doubt) => decideEscalationStep(doubt, level, now));
    if (!outcome) return deps.logger.warn('doubt of an escalation timer not found', { doubtId, timerId: timer.id });
    const { record: doubt, result } = outcome;
    if (result.type === 'stopped') return deps.logger.info('doubt escalation stopped', { doubtId, level, reason: result.reason });
    if (result.type === 'exhausted') return remindExhausted(deps, doubt, result.recipients);
    if (result.type === 'wait') return;
    const sent = await notifyDoubtLevel(deps, doubt, result.level, { throwIfUnreached: true });
    if (!sent) return;
    // A resent step (its first send failed or was cut short) tells the worker too: the notice is keyed, so it is updated, not repeated.
    const from = result.type === 'resend' ? Math.max(0, result.level - 1) : result.from;
    const nameOf = nameLookup(await deps.directory.people());
    const previous = doubt.chain.steps[from]?.recipients.map(nameOf).join('、') ?? '';
    const names = doubt.chain.steps[result.level]!.recipients.map(nameOf).join('、');
    deps.logger.info('doubt escalated', { doubtId, chainLevel: result.level });
    await sendDoubtNotice(deps, doubt, [doubt.raisedById], `escalated:${result.level}`, t('escalation.doubt.escalatedToWorker', { id: doubt.id, previous, name: names }));
  };
}
