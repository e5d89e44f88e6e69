import { t, templateText } from '../../templates.ts';
import type { Block, MessageView } from '../chat/view.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';
import { shortOrderNo } from '../dispatch/progress-view.ts';
import type { PlanMap } from '../../domain/plan-map/plan-scene.ts';
import type { AssignDayResult } from './assign-day.ts';
import { mapStyleText } from './plan-map.ts';

export const ASSIGN_RERUN_ACTION = 'assign.rerun';

export const planCardKey = (date: string) => `assign:${date}`;

export interface PlanCardContext {
  /** HH:MM of a re-run by a supervisor (absent: the daily run). */
  rerunAt?: string;
  /** The morning post went out: moves are made with 振替 only, and the card offers no re-run. */
  posted: boolean;
  morningPostAt: string;
  /** The plan map posted with the card (its legend is on the rows); absent when there is none. */
  map?: PlanMap;
}

const orderList = (orderNos: readonly string[], date: string) => orderNos.map((no) => shortOrderNo(no, date)).join('、');

/**
 * The day's plan for its supervisors (業務責任者): per worker (numbered rows, the numbers the plan map draws) the count,
 * the workload, the route and the row's colour on the map; what could not be assigned and why; who was left out for
 * their ID card. Towns and numbers only: no address or customer.
 */
export function planCard(result: AssignDayResult, c: PlanCardContext): MessageView {
  const date = japaneseDay(result.date);
  const header = c.rerunAt ? t('assign.plan.rerunHeader', { date, time: c.rerunAt }) : t('assign.plan.header', { date });
  const lines = result.workers.map((w, i) => {
    const row = i + 1;
    if (w.count === 0) return t('assign.plan.idle', { row, name: w.name });
    const km = w.routeKm === null ? t('assign.unknownKm') : w.routeKm.toFixed(1);
    const carried = w.visits.filter((v) => v.carried).length;
    const parts = [t('assign.plan.worker', { row, name: w.name, count: w.count, workload: w.workload, km })];
    if (carried > 0) parts.push(`(${t('assign.plan.carried', { count: carried })})`);
    const style = mapStyleText(c.map, row);
    if (style) parts.push(`[${t('assign.plan.mapStyle', { style })}]`);
    return parts.join(' ');
  });
  const blocks: Block[] = [{ type: 'header', text: header }, { type: 'text', text: lines.length > 0 ? lines.join('\n') : t('assign.plan.noOrders') }];
  const notes: string[] = [];
  if (result.unassigned.length > 0) notes.push(t('assign.plan.unassigned', { count: result.unassigned.length, orderNos: orderList(result.unassigned, result.date) }));
  if (result.leftOut.length > 0) {
    notes.push(t('assign.plan.leftOutHeader'));
    for (const l of result.leftOut) notes.push(t('assign.plan.leftOut', { name: l.name, state: templateText(`assign.cardState.${l.cardState}`) }));
  }
  if (result.released.length > 0) notes.push(t('assign.plan.released', { orderNos: orderList(result.released, result.date) }));
  if (result.supervisorFallback) notes.push(t('assign.plan.supervisorFallback'));
  if (c.map?.scene && c.map.estimated > 0) notes.push(t('assign.plan.mapEstimated', { count: c.map.estimated }));
  if (c.map && c.map.notDrawn > c.map.estimated) notes.push(t('assign.plan.mapNotDrawn', { count: c.map.notDrawn - c.map.estimated }));
  if (notes.length > 0) blocks.push({ type: 'text', text: notes.join('\n') });
  if (c.map?.scene) blocks.push({ type: 'context', text: t('assign.plan.mapKey') });
  blocks.push({ type: 'context', text: c.posted ? t('assign.plan.hintAfter') : t('assign.plan.hintBefore', { time: c.morningPostAt }) });
  if (!c.posted) {
    blocks.push({ type: 'actions', buttons: [{ actionId: ASSIGN_RERUN_ACTION, label: t('assign.plan.rerunButton'), value: JSON.stringify({ date: result.date }) }] });
  }
  return { key: planCardKey(result.date), summary: header, blocks };
}

/** The day could not be assigned (a closed day, nobody on duty): the supervisors hear why. */
export function planFailedCard(date: string, reason: string): MessageView {
  const text = t('assign.plan.failed', { date: japaneseDay(date), reason });
  return { key: planCardKey(date), summary: text, blocks: [{ type: 'text', text }] };
}
