import { nextReminder } from '../../domain/escalation/reminder-policy.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import type { DailyReportView } from '../reports/daily-report-view.ts';
import type { TimerSpec } from '../timers/ports.ts';
import { timerHandler, timerSpec, type TimerHandler } from '../timers/timer-kinds.ts';
import { DAILY_REMIND, dailyCardKey, dailyRemindKey, type DayEndDeps, type DayEndSettings } from './ports.ts';

const MINUTE = 60_000;

/** When the wait for approval of a draft the bot compiled began (its first compile); null for any other report. */
function remindFromOf(view: DailyReportView): number | null {
  const from = view.source === 'bot' && view.remindFrom ? Date.parse(view.remindFrom) : Number.NaN;
  return Number.isNaN(from) ? null : from;
}

const roundTimer = (date: string, round: number, dueAt: Date): TimerSpec => timerSpec(DAILY_REMIND, dueAt, { date, round }, dailyRemindKey(date, round));

/**
 * The first reminder of a draft the bot compiled, `remindMinutes` after the compile: written with the draft. Every
 * later save of the draft writes it again, and its dedupe key keeps the first (or what followed it).
 */
export function firstReminder(settings: Pick<DayEndSettings, 'remindMinutes' | 'maxReminders'>): (view: DailyReportView) => TimerSpec[] {
  return (view) => {
    const from = remindFromOf(view);
    return from === null || settings.maxReminders < 1 ? [] : [roundTimer(view.date, 1, new Date(from + settings.remindMinutes * MINUTE))];
  };
}

/**
 * Timer handler 'daily.remind' (payload {date, round}): reminds the supervisors of an unapproved end-of-day report,
 * `remindMinutes` after its compile, then every `remindMinutes` until it is approved, at most `maxReminders` times
 * (the reminder policy). Approval cancels the pending round; a report no longer a draft of the bot's ends the chain.
 * A bot that was down sends only the latest round due. The runner claims each timer once across instances, and the
 * messages are keyed by the timer, so nobody is reminded twice.
 */
export function createDailyReportReminder(deps: DayEndDeps): TimerHandler {
  return timerHandler(DAILY_REMIND, async ({ date, round: scheduled }, now) => {
    const { remindMinutes, maxReminders } = deps.settings;
    const everyMs = remindMinutes * MINUTE;
    const draft = await deps.report.reports.getDaily(date);
    const from = draft?.state === 'draft' ? remindFromOf(draft.view) : null;
    if (!draft || from === null) return;
    // After a stop, the round the time elapsed since the compile has reached (never beyond the last one).
    const round = Math.max(scheduled, Math.min(maxReminders, Math.floor((now.getTime() - from) / everyMs)));
    if (round > maxReminders) return;
    const { supervisors } = await deps.team.approversOn(date);
    // The policy is asked at the round's due time: round n is due n × remindMinutes after the compile, whenever the
    // round before it ran.
    const step = nextReminder({ everyMs, maxRounds: maxReminders }, round, supervisors, new Date(from + round * everyMs));
    if (step.type !== 'remind') return;
    if (step.nextAt) await deps.timers.schedule(roundTimer(date, round + 1, step.nextAt));
    const view = plainView(t('dayEnd.remind', { date: draft.view.shortLabel, round }), `${dailyCardKey(date)}:remind:${round}`);
    for (const personId of step.to) await deps.gateway.send({ personId }, view);
    deps.logger.info('unapproved daily report reminded', { date, round, supervisors: step.to.length });
  });
}

/** How long the report's approval waits between reminders, in the words of `kaiheisen schedule`. */
export const dailyReportWaits = (settings: Pick<DayEndSettings, 'remindMinutes' | 'maxReminders'>): Record<string, string> => ({
  [DAILY_REMIND]: t('schedule.wait.dailyRemind', { minutes: settings.remindMinutes, max: settings.maxReminders }),
});
