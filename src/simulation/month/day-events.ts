import type { DayPlan, PlannedOrder } from './plan.ts';
import type { MonthPlayer } from './player.ts';

const BUREAU = 'c01';
const serialOf = (orderNo: string) => orderNo.slice(-4);

/** Presses a button on the person's latest message carrying it, and fills the form it opens, if any. */
async function pressAndFill(player: MonthPlayer, who: string, label: string, values: Record<string, string> = {}): Promise<void> {
  await player.press(who, label);
  await player.submit(who, values);
}

/**
 * 疑義 on an order before it is reported: the supervisor answers it; an escalated one is left unacknowledged past
 * the chart's 10 minutes, reaches the bureau, which acknowledges and answers it.
 */
export async function raiseDoubt(player: MonthPlayer, day: DayPlan, who: string, order: PlannedOrder, escalate: boolean, at: (time: string) => Promise<void>, minute: number): Promise<void> {
  // Workers name the customer in free text: the cards must mask it.
  await player.say(who, `疑義 ${order.serial} ${order.name}さん宅 メーターボックスの上に車が止まっていて開けられません`);
  if (!escalate) {
    await pressAndFill(player, day.supervisor, '指示して回答', { instruction: '車の持ち主に移動をお願いしてから作業してください' });
    return;
  }
  await at(hhmm(minute + 11));
  await player.press(BUREAU, '受領');
  await pressAndFill(player, BUREAU, '指示して回答', { instruction: '局から使用者に連絡しました。移動後に作業してください' });
}

/** 事故 typed by the worker: the supervisor acknowledges it and reports it handled. */
export async function reportIncident(player: MonthPlayer, day: DayPlan, who: string, order: PlannedOrder): Promise<void> {
  await player.say(who, `事故 ${order.serial} ${order.name}さん宅のメーターボックスの蓋を割ってしまいました けがなし`);
  await player.press(day.supervisor, '受領');
  await pressAndFill(player, day.supervisor, '対応完了', { resolution: '蓋を交換する手配をしました' });
}

/** 駐車: a paid parking fee on an order, typed by its worker. */
export async function parkingFee(player: MonthPlayer, who: string, orderNo: string, yen: number): Promise<void> {
  await player.say(who, `駐車 ${serialOf(orderNo)} ${yen}円`);
}

/** The supervisor asks the bureau for overtime on the orders (時間外 form); the bureau approves it. */
export async function requestOvertime(player: MonthPlayer, day: DayPlan, orderNos: readonly string[]): Promise<void> {
  if (orderNos.length === 0) return;
  await player.say(day.supervisor, '時間外');
  await player.submit(day.supervisor, { orders: orderNos.map(serialOf).join(' '), reason: 'お客さまの帰宅が18時以降のため', until: '18:45' });
  await player.press(BUREAU, '承認');
}

/**
 * A 断水 complaint phoned to the bureau at night and typed into its channel: paged to the after-hours roster, whose
 * first member takes it and reports it solved.
 */
export async function nightComplaint(player: MonthPlayer, day: DayPlan, onCall: string, at: (time: string) => Promise<void>): Promise<void> {
  if (!day.events.complaintAt) return;
  await at(day.events.complaintAt);
  await player.say(BUREAU, `苦情 水が出ない 金沢市広坂1丁目1-1 夜間に水が出ないとの電話`, 'bureau');
  await at(hhmm(toMinute(day.events.complaintAt) + 1));
  await pressAndFill(player, onCall, '対応します');
  await pressAndFill(player, onCall, '解決報告', { found: '宅内の止水栓が閉まっていた', done: '止水栓を開けて出水を確認した' });
}

export const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const toMinute = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
