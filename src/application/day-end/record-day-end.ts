import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import type { PersonActor } from '../../domain/access/actor.ts';
import { MAX_PARKING_YEN, parseYenAmount } from '../../domain/day-end/day-end-commands.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

import { customersOf } from '../cases/case-text.ts';
import { resolveOrderRef } from '../cases/order-ref.ts';
import { showTextFor } from '../privacy/show-text.ts';
import { compileIfReady } from './compile-daily-report.ts';
import { keepReportCurrent, labelOf, sendPromptCard, workersOfDay } from './daily-delivery.ts';
import type { DayEndDeps } from './ports.ts';

/** What workers send at the end of the day: 完了報告, 伝達事項 (HandoverNote), 有料駐車場使用料 (ParkingFee). */
export const MAX_NOTE_CHARS = 1000;

const actorOf = (actor: PersonActor) => ({ actorId: actor.actorId, channel: actor.channel });

/**
 * 完了報告: recorded once; the prompt card shows it; the report may now be compiled early, or is kept current. The
 * replay of the event that recorded it (`eventId`, a crash before it was marked done) answers as the first time did.
 */
export async function confirmDayEnd(deps: DayEndDeps, actor: PersonActor, date: string, eventId?: number): Promise<string> {
  const rows = await deps.report.source.loadDay(date);
  const mine = workersOfDay(rows, date).find((w) => w.personId === actor.actorId);
  if (!mine) throw new AppError(ErrorCode.Forbidden, t('dayEnd.confirm.notOnDuty', { date: labelOf(date) }));
  const { created, confirmedAt, sourceEventId } = await deps.store.confirm(date, actor.actorId, deps.clock.now(), actor.channel, eventId);
  const time = tokyoHhmm(confirmedAt);
  const first = created || (eventId !== undefined && sourceEventId === eventId);
  if (!first) return t('dayEnd.confirm.again', { date: labelOf(date), time });
  deps.logger.info('day-end confirmed', { date, personId: actor.actorId, openOrders: mine.openOrderNos.length });
  await sendPromptCard(deps, date, actor.actorId, mine.openOrderNos, confirmedAt);
  const remark = (await compileIfReady(deps, date)) ? '' : await keepReportCurrent(deps, date);
  return `${t('dayEnd.confirm.done', { date: labelOf(date), time })}${remark}`;
}

async function orderNoOf(deps: DayEndDeps, ref: string | null, personId: string): Promise<string | null> {
  if (!ref || ref.trim() === '') return null;
  return (await resolveOrderRef({ orders: deps.orders, clock: deps.clock }, ref, personId)).orderNo;
}

const orderPart = (orderNo: string | null) => (orderNo ? t('dayEnd.note.orderPart', { orderNo }) : '');

export interface NoteInput {
  date: string;
  orderRef: string | null;
  text: string;
}

/** 伝達 [作業番号] 内容: a handover note for the date's report, optionally about one order; once per inbound event. */
export async function addHandoverNote(deps: DayEndDeps, actor: PersonActor, input: NoteInput, eventId?: number): Promise<string> {
  const text = input.text.trim();
  if (!text) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.note.empty'));
  if (text.length > MAX_NOTE_CHARS) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.note.tooLong', { max: MAX_NOTE_CHARS }));
  const orderNo = await orderNoOf(deps, input.orderRef, actor.actorId);
  await deps.store.addHandoverNote({ date: input.date, personId: actor.actorId, orderNo, text }, deps.clock.now(), actorOf(actor), eventId);
  deps.logger.info('handover note added', { date: input.date, personId: actor.actorId, withOrder: orderNo !== null });
  // The echo goes to the writer: personal data in it is masked as the assignee may see it (nothing, by default).
  const shown = showTextFor(await customersOf(deps.orders, [orderNo]), 'assigneeDirect', deps.privacy)(text);
  return `${t('dayEnd.note.saved', { order: orderPart(orderNo), text: shown })}${await keepReportCurrent(deps, input.date)}`;
}

export interface ParkingInput {
  date: string;
  orderRef: string | null;
  amountYen: number;
  note: string | null;
}

/** 駐車 [作業番号] 金額: paid parking used for the work, reimbursed monthly (spec table 2); once per inbound event. */
export async function addParkingFee(deps: DayEndDeps, actor: PersonActor, input: ParkingInput, eventId?: number): Promise<string> {
  if (!Number.isSafeInteger(input.amountYen)) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.parking.badAmount', { syntax: '' }));
  if (input.amountYen <= 0) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.parking.notPositive', { syntax: '' }));
  if (input.amountYen > MAX_PARKING_YEN) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.parking.tooLarge', { max: MAX_PARKING_YEN }));
  const orderNo = await orderNoOf(deps, input.orderRef, actor.actorId);
  const fee = { date: input.date, personId: actor.actorId, orderNo, amountYen: input.amountYen, note: input.note };
  await deps.store.addParkingFee(fee, deps.clock.now(), actorOf(actor), eventId);
  deps.logger.info('parking fee added', { date: input.date, personId: actor.actorId, amountYen: input.amountYen });
  return `${t('dayEnd.parking.saved', { amount: input.amountYen.toLocaleString('en-US'), order: orderPart(orderNo) })}${await keepReportCurrent(deps, input.date)}`;
}

/** The 伝達事項を追加 form: a note, a fee, or both (the order number applies to each). */
export async function submitNoteForm(deps: DayEndDeps, actor: PersonActor, date: string, values: { order: string; note: string; parking: string }, eventId?: number): Promise<string> {
  const note = values.note.trim();
  const parking = values.parking.trim();
  if (!note && !parking) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.form.empty'));
  const amountYen = parking ? parseYenAmount(parking) : undefined;
  if (parking && amountYen === undefined) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.parking.badAmount', { syntax: '' }));
  if (amountYen !== undefined && amountYen <= 0) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.parking.notPositive', { syntax: '' }));
  if (amountYen !== undefined && amountYen > MAX_PARKING_YEN) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.parking.tooLarge', { max: MAX_PARKING_YEN }));
  const orderRef = values.order.trim() || null;
  const answers: string[] = [];
  if (note) answers.push(await addHandoverNote(deps, actor, { date, orderRef, text: note }, eventId));
  if (amountYen !== undefined) answers.push(await addParkingFee(deps, actor, { date, orderRef, amountYen, note: null }, eventId));
  return answers.join('\n');
}
