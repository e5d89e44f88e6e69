import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { t, templateText } from '../../templates.ts';
import type { FormView, MessageView } from '../chat/view.ts';
import { DAY_END_ACTIONS, promptCardKey } from './ports.ts';

/** The worker's end-of-day prompt, its form, and the button values of this feature ({"date": "YYYY-MM-DD"}). */
export const dateValue = (date: string) => JSON.stringify({ date });

export function dateFrom(value: string): string | undefined {
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    return typeof parsed.date === 'string' && isIsoDate(parsed.date) ? parsed.date : undefined;
  } catch {
    return undefined;
  }
}

export interface PromptState {
  date: string;
  label: string; // 3月27日(金)
  openOrderNos: string[];
  confirmedAt: string | null; // HH:MM
}

/** 「本日の作業は完了しましたか」 with 完了報告 and 伝達事項を追加; after the report, the time it was received. */
export function promptCard(state: PromptState): MessageView {
  const header = t('dayEnd.prompt.header', { date: state.label });
  const open = state.openOrderNos.length > 0
    ? t('dayEnd.prompt.openOrders', { count: state.openOrderNos.length, orders: orderRefsText(state.openOrderNos) })
    : t('dayEnd.prompt.noOpenOrders');
  const value = dateValue(state.date);
  const buttons = [
    ...(state.confirmedAt ? [] : [{ actionId: DAY_END_ACTIONS.confirm, label: t('dayEnd.prompt.confirm'), value, style: 'primary' as const }]),
    { actionId: DAY_END_ACTIONS.note, label: t('dayEnd.prompt.addNote'), value },
  ];
  return {
    key: promptCardKey(state.date),
    summary: header,
    blocks: [
      { type: 'header', text: header },
      { type: 'text', text: state.confirmedAt ? t('dayEnd.prompt.confirmed', { time: state.confirmedAt }) : t('dayEnd.prompt.body') },
      { type: 'text', text: open },
      { type: 'actions', buttons },
      { type: 'context', text: t('dayEnd.prompt.commandsHint') },
    ],
  };
}

/** 20260327-0012 → 0012 (what workers type). */
export function serialOf(orderNo: string): string {
  return orderNo.includes('-') ? orderNo.slice(orderNo.lastIndexOf('-') + 1) : orderNo;
}

/**
 * A list of orders as a worker can type them back: the short number (0012), or the full number where two orders of
 * the list share their short number (a carried order and a new one), since the short one would be ambiguous.
 */
export function orderRefsText(orderNos: readonly string[]): string {
  const count = new Map<string, number>();
  for (const no of orderNos) count.set(serialOf(no), (count.get(serialOf(no)) ?? 0) + 1);
  return orderNos.map((no) => ((count.get(serialOf(no)) ?? 0) > 1 ? no : serialOf(no))).join('、');
}

/** 伝達事項を追加: a note, a parking fee, or both, for an order or the day. */
export function noteForm(date: string): FormView {
  const f = (key: string) => templateText(`dayEnd.form.${key}`);
  return {
    formId: DAY_END_ACTIONS.note,
    title: f('title'),
    submitLabel: f('submit'),
    state: dateValue(date),
    fields: [
      { id: 'order', label: f('order'), type: 'text', required: false, hint: f('orderHint') },
      { id: 'note', label: f('note'), type: 'textarea', required: false, hint: f('noteHint') },
      { id: 'parking', label: f('parking'), type: 'text', required: false, hint: f('parkingHint') },
    ],
  };
}

/** 修正・追記 of the supervisor: notes to add, corrections appended as free text. */
export function amendForm(date: string): FormView {
  const f = (key: string) => templateText(`dayEnd.amend.${key}`);
  return {
    formId: DAY_END_ACTIONS.amend,
    title: f('title'),
    submitLabel: f('submit'),
    state: dateValue(date),
    fields: [
      { id: 'notes', label: f('notes'), type: 'textarea', required: false, hint: f('notesHint') },
      { id: 'correction', label: f('correction'), type: 'textarea', required: false, hint: f('correctionHint') },
    ],
  };
}
