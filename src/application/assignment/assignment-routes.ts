import { isIsoDate, tokyoDate } from '../../domain/calendar/local-time.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import { respondOnce } from '../chat/respond.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { rerunAssignment, type DailyAssignmentDeps } from './daily-assignment.ts';
import { ASSIGN_RERUN_ACTION } from './plan-card.ts';

function dateIn(value: string): string | undefined {
  try {
    const date = (JSON.parse(value) as { date?: unknown }).date;
    return typeof date === 'string' && isIsoDate(date) ? date : undefined;
  } catch {
    return undefined;
  }
}

/** 「再振り分け」 typed, and the plan card's button: the day's assignment again, for a supervisor of the day. */
export function assignmentRoutes(deps: DailyAssignmentDeps): RouteModule {
  const today = () => tokyoDate(deps.clock.now());
  const rerun = (turn: ChatTurn, date: string) =>
    respondOnce(turn, () => rerunAssignment(deps, { personId: turn.person.id, channel: turn.envelope.platform }, date));
  return {
    name: 'assignment',
    buttons: { [ASSIGN_RERUN_ACTION]: (turn, value) => rerun(turn, dateIn(value) ?? today()) },
    intents: { 'assign.rerun': (turn) => rerun(turn, today()) },
  };
}
