import { MAX_PARKING_YEN, parseHandover, parseParking, type ParkingRefusal } from '../../domain/day-end/day-end-commands.ts';
import { t } from '../../templates.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { formText } from '../cases/case-text.ts';
import { actorOf, respond } from '../cases/route-helpers.ts';
import { answerDayEnd, awaitsDayEndAnswer } from './answer-day-end.ts';
import { finishDay } from './carry-question.ts';
import { amendDailyReport, amendFormFor } from './amend-daily-report.ts';
import { approveDailyReport } from './approve-daily-report.ts';
import { dateFrom, noteForm } from './day-end-cards.ts';
import { today } from './daily-delivery.ts';
import { DAY_END_ACTIONS, type DayEndDeps } from './ports.ts';
import { addHandoverNote, addParkingFee, confirmDayEnd, submitNoteForm } from './record-day-end.ts';


type Values = Record<string, string | string[] | undefined>;

/** 伝達 [作業番号] 内容 → HandoverNote of today. */
async function handoverText(deps: DayEndDeps, turn: ChatTurn, rest: string): Promise<void> {
  const command = parseHandover(rest);
  await respond(turn, () => addHandoverNote(deps, actorOf(turn), { date: today(deps), ...command }, turn.eventId));
}

/** Why a 駐車 command was not recorded, with the order number as read and the syntax. */
export function parkingRefusal(reason: ParkingRefusal, orderRef: string | null): string {
  const syntax = t('dayEnd.parking.syntax');
  if (reason === 'tooLarge') return t('dayEnd.parking.tooLarge', { max: MAX_PARKING_YEN });
  const read = orderRef && reason === 'noAmount' ? t('dayEnd.parking.orderRead', { orderRef }) : '';
  return `${read}${t(`dayEnd.parking.${reason}`, { syntax })}`;
}

/** 駐車 [作業番号] 金額 [メモ] → ParkingFee of today. */
async function parkingText(deps: DayEndDeps, turn: ChatTurn, rest: string): Promise<void> {
  const command = parseParking(rest);
  await respond(turn, async () => {
    if (!command.ok) return parkingRefusal(command.reason, command.orderRef);
    return addParkingFee(deps, actorOf(turn), { date: today(deps), orderRef: command.orderRef, amountYen: command.amountYen, note: command.note }, turn.eventId);
  });
}

/**
 * The end of the day in the chat: 完了報告 and 伝達事項を追加 on the worker's prompt card (or typed: 完了報告, 伝達 …,
 * 駐車 …), 承認 and 修正・追記 on the supervisors' report card.
 */
export function dayEndRoutes(deps: DayEndDeps): RouteModule {
  const dateOf = (value: string) => dateFrom(value) ?? today(deps);
  return {
    name: 'day-end',
    buttons: {
      [DAY_END_ACTIONS.confirm]: (turn, value) => respond(turn, () => confirmDayEnd(deps, actorOf(turn), dateOf(value), turn.eventId)),
      [DAY_END_ACTIONS.approve]: (turn, value) => respond(turn, () => approveDailyReport(deps, actorOf(turn), dateOf(value))),
    },
    formOpeners: {
      [DAY_END_ACTIONS.note]: async (_person, value) => noteForm(dateOf(value)),
      [DAY_END_ACTIONS.amend]: (person, value) => amendFormFor(deps, person.id, dateOf(value)),
    },
    forms: {
      [DAY_END_ACTIONS.note]: (turn, state, values: Values) =>
        respond(turn, () =>
          submitNoteForm(deps, actorOf(turn), dateOf(state), { order: formText(values, 'order'), note: formText(values, 'note'), parking: formText(values, 'parking') }, turn.eventId),
        ),
      [DAY_END_ACTIONS.amend]: (turn, state, values: Values) =>
        respond(turn, () => amendDailyReport(deps, actorOf(turn), dateOf(state), { notes: formText(values, 'notes'), correction: formText(values, 'correction') }, turn.eventId)),
    },
    intents: {
      'dayEnd.confirm': (turn) => respond(turn, () => finishDay(deps, actorOf(turn), today(deps), { answered: false, ...(turn.eventId === undefined ? {} : { eventId: turn.eventId }) })),
      'dayEnd.answer': (turn, { answer, question }) => respond(turn, () => answerDayEnd(deps, actorOf(turn), answer, question, turn.eventId)),
      handover: (turn, { rest }) => handoverText(deps, turn, rest),
      parking: (turn, { rest }) => parkingText(deps, turn, rest),
    },
    questions: { dayEnd: (personId) => awaitsDayEndAnswer(deps, personId) },
  };
}
