import { nextReminder } from '../../domain/escalation/reminder-policy.ts';
import { t } from '../../templates.ts';
import type { TimerHandler } from '../timers/timer-runner.ts';
import { nameLookup } from '../cases/case-text.ts';
import { sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { DOUBT_REMIND, doubtRemindKey, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import { DEFAULT_DOUBT_REMIND_MINUTES } from './act-on-doubt.ts';
import type { CaseChange } from '../cases/ports.ts';
import { readPayload, timerSpec } from '../timers/timer-kinds.ts';

export const DEFAULT_DOUBT_MAX_REMINDERS = 8;

type Reminder = { to: string[] } | null;

function decideReminder(deps: DoubtDeps, doubt: DoubtRecord, phase: 'ack' | 'bureau', round: number, now: Date): CaseChange<DoubtPatch, Reminder> {
  const held = doubt.state === 'acknowledged' || doubt.state === 'with_bureau';
  const holder = doubt.state === 'with_bureau' ? doubt.bureauContactId : doubt.holderId;
  const policy = { everyMs: (deps.doubtRemindMinutes ?? DEFAULT_DOUBT_REMIND_MINUTES) * 60_000, maxRounds: DEFAULT_DOUBT_MAX_REMINDERS };
  const step = nextReminder(policy, round, held ? (holder ? [holder] : []) : null, now);
  if (step.type !== 'remind') return { result: null };
  const next = step.nextAt ? [timerSpec(DOUBT_REMIND, step.nextAt, { doubtId: doubt.id, phase, round: round + 1 }, doubtRemindKey(doubt.id, `${phase}:${round + 1}`))] : [];
  return { effects: { events: [{ action: 'reminded', actorId: null, detail: { to: step.to, round } }], schedule: next }, result: { to: step.to } };
}

/**
 * Timer handler 'doubt.remind' (payload {doubtId, phase, round}): a doubt someone acknowledged, or took to the
 * bureau, and nobody answered or resolved is not forgotten: its holder is reminded every interval, a few times.
 */
export function createDoubtReminder(deps: DoubtDeps): TimerHandler {
  return async (timer, now) => {
    const { doubtId, phase, round } = readPayload(DOUBT_REMIND, timer.payload);
    const out = await deps.doubts.change(doubtId, now, (doubt) => decideReminder(deps, doubt, phase, round, now));
    if (!out?.result) return;
    const { record: doubt, result } = out;
    const nameOf = nameLookup(await deps.directory.people());
    const holder = doubt.state === 'with_bureau' ? doubt.bureauContactId : doubt.holderId;
    const text = t('escalation.doubt.reminder', { id: doubt.id, state: t(`escalation.state.${doubt.state}`), name: nameOf(holder) });
    deps.logger.info('doubt reminder', { doubtId, round });
    await sendDoubtNotice(deps, doubt, result.to, `remind:${phase}:${round}`, text);
  };
}
