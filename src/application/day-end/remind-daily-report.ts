import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import { dailyCardKey, remindKey, type DayEndDeps } from './ports.ts';

/**
 * Reminds the supervisors of an unapproved end-of-day report: `remindMinutes` after its compile, then every
 * `remindMinutes` until it is approved, at most `maxReminders` times. A bot that was down sends only the latest
 * round due. Each (date, round) is claimed once across instances (JobRun), so nobody is reminded twice.
 */
export async function remindUnapproved(deps: DayEndDeps, now: Date): Promise<number> {
  const { remindMinutes, maxReminders } = deps.settings;
  let sent = 0;
  for (const draft of await deps.report.reports.dailyDrafts()) {
    const from = draft.view.source === 'bot' && draft.view.remindFrom ? Date.parse(draft.view.remindFrom) : NaN;
    if (Number.isNaN(from)) continue;
    const round = Math.min(maxReminders, Math.floor((now.getTime() - from) / (remindMinutes * 60_000)));
    if (round < 1 || !(await deps.claims.claim(remindKey(draft.date, round), now))) continue;
    const { supervisors } = await deps.team.approversOn(draft.date);
    const view = plainView(t('dayEnd.remind', { date: draft.view.shortLabel, round }), `${dailyCardKey(draft.date)}:remind:${round}`);
    for (const personId of supervisors) await deps.gateway.send({ personId }, view);
    deps.logger.info('unapproved daily report reminded', { date: draft.date, round, supervisors: supervisors.length });
    sent++;
  }
  return sent;
}
