import type { PersonActor } from '../../domain/access/actor.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { orderRefsText } from './day-end-cards.ts';
import { labelOf, workersOfDay } from './daily-delivery.ts';
import type { CarryQuestion, DayEndDeps } from './ports.ts';

export type { CarryQuestion, CarryQuestionStore } from './ports.ts';
import { confirmDayEnd } from './record-day-end.ts';

/** How long the carry-over question waits for its はい. */
export const CARRY_QUESTION_MINUTES = 30;

/** The person's open carry-over question of the date, if it is still waiting (or was answered yes a moment ago). */
export async function openCarryQuestion(deps: DayEndDeps, personId: string, date: string): Promise<CarryQuestion | undefined> {
  const asked = await deps.carryQuestions.get(personId);
  return asked && asked.date === date && asked.expiresAt.getTime() > deps.clock.now().getTime() ? asked : undefined;
}

const answers = (asked: CarryQuestion, eventId: number | undefined) =>
  asked.answered || eventId === undefined || asked.askedAfterEventId === null || eventId > asked.askedAfterEventId;

/**
 * 完了報告 typed, or a yes to 「本日の作業は完了しましたか」: with nothing open it is recorded at once; with orders
 * still open the worker is asked to confirm carrying them over, and only a yes to that question records it.
 * `answered`: the text was read as an answer to the day-end question (the reply says so).
 */
export async function finishDay(deps: DayEndDeps, actor: PersonActor, date: string, opts: { eventId?: number; answered: boolean }): Promise<string> {
  const asked = await openCarryQuestion(deps, actor.actorId, date);
  if (asked && answers(asked, opts.eventId)) {
    const done = await confirmDayEnd(deps, actor, date, opts.eventId);
    await deps.carryQuestions.answered(actor.actorId, opts.eventId);
    return done;
  }
  const rows = await deps.report.source.loadDay(date);
  const mine = workersOfDay(rows, date).find((w) => w.personId === actor.actorId);
  if (!mine) throw new AppError(ErrorCode.Forbidden, t('dayEnd.confirm.notOnDuty', { date: labelOf(date) }));
  const read = opts.answered ? [t('dayEnd.answer.read')] : [];
  const confirmed = rows.confirmations.some((c) => c.personId === actor.actorId);
  if (mine.openOrderNos.length === 0 || confirmed) return [await confirmDayEnd(deps, actor, date, opts.eventId), ...read].join('\n');
  const expiresAt = new Date(deps.clock.now().getTime() + CARRY_QUESTION_MINUTES * 60_000);
  await deps.carryQuestions.ask(actor.actorId, { date, openOrderNos: mine.openOrderNos }, { expiresAt, ...(opts.eventId === undefined ? {} : { sourceEventId: opts.eventId }) });
  deps.logger.info('day-end with open orders: carry-over asked', { date, personId: actor.actorId, openOrders: mine.openOrderNos.length });
  const orders = orderRefsText(mine.openOrderNos);
  return [...read, t('dayEnd.carry.ask', { count: mine.openOrderNos.length, orders })].join('\n');
}
