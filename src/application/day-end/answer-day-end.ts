import { minutesOf, tokyoMinutes } from '../../domain/calendar/local-time.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import type { DayEndAnswer } from '../../domain/day-end/day-end-answer.ts';
import { t } from '../../templates.ts';
import { orderRefsText } from './day-end-cards.ts';
import { labelOf, today, workersOfDay } from './daily-delivery.ts';
import type { DayEndDeps } from './ports.ts';
import { finishDay, openCarryQuestion } from './carry-question.ts';

/**
 * Whether 「本日の作業は完了しましたか」 is what the bot is waiting for from the person: asked today (a work day, the
 * prompt time passed, the person has orders today), not answered yet (no 完了報告), and no result conversation of
 * the person waits for an answer (its question is more specific: 「はい」 then confirms the reading). All of it is
 * durable: the prompt's time, the DayEndConfirmation rows and the PendingReply row.
 */
export interface DayEndQuestion {
  date: string;
  openOrderNos: string[];
}

export async function awaitsDayEndAnswer(deps: DayEndDeps, personId: string): Promise<DayEndQuestion | undefined> {
  const date = today(deps);
  const now = deps.clock.now();
  if (await deps.conversation?.waitsForAnswer(personId)) return undefined;
  // 「繰越として完了報告しますか」 waits for its answer whenever it was asked (a typed 完了報告 may come early).
  const carry = await openCarryQuestion(deps, personId, date);
  if (carry) return { date, openOrderNos: carry.openOrderNos };
  if (!deps.calendar.isWorkDay(date) || tokyoMinutes(now) < minutesOf(deps.settings.promptAt)) return undefined;
  const rows = await deps.report.source.loadDay(date);
  if (rows.confirmations.some((c) => c.personId === personId)) return undefined;
  const mine = workersOfDay(rows, date).find((w) => w.personId === personId);
  return mine ? { date, openOrderNos: mine.openOrderNos } : undefined;
}

/**
 * A plain answer to the day-end question the person was asked (awaitsDayEndAnswer): yes records the 完了報告, or
 * first asks to confirm carrying over the orders still open (finishDay); not yet records nothing, drops that
 * question, and says what is still open and how to finish.
 */
export async function answerDayEnd(deps: DayEndDeps, actor: PersonActor, answer: DayEndAnswer, waiting: DayEndQuestion, eventId?: number): Promise<string> {
  if (answer === 'done') return finishDay(deps, actor, waiting.date, { answered: true, ...(eventId === undefined ? {} : { eventId }) });
  await deps.carryQuestions.drop(actor.actorId);
  const open = waiting.openOrderNos;
  const orders = open.length === 0 ? t('dayEnd.prompt.noOpenOrders') : t('dayEnd.prompt.openOrders', { count: open.length, orders: orderRefsText(open) });
  return t('dayEnd.answer.notYet', { date: labelOf(waiting.date), orders });
}
