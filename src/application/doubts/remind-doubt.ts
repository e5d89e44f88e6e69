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
  if (doubt.state !== 'acknowledged' && doubt.state !== 'with_bureau') return { result: null };
  const to = [doubt.state === 'with_bureau' ? doubt.bureauContactId : doubt.holderId].filter((id): id is string => !!id);
  const minutes = deps.doubtRemindMinutes ?? DEFAULT_DOUBT_REMIND_MINUTES;
  const more = round < DEFAULT_DOUBT_MAX_REMINDERS;
  const next = timerSpec(DOUBT_REMIND, new Date(now.getTime() + minutes * 60_000), { doubtId: doubt.id, phase, round: round + 1 }, doubtRemindKey(doubt.id, `${phase}:${round + 1}`));
  return { effects: { events: [{ action: 'reminded', actorId: null, detail: { to, round } }], schedule: more ? [next] : [] }, result: { to } };
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
