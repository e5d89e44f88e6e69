import { tokyoDate } from '../../../domain/calendar/local-time.ts';
import { t } from '../../../templates.ts';
import { kindText } from '../../dispatch/day-views.ts';
import { japaneseDay } from '../../dispatch/japanese-date.ts';
import type { DayOrdersReader } from '../../dispatch/ports.ts';
import type { Clock } from '../../ports.ts';
import { plainView, type ChatTurn } from '../dispatcher.ts';
import { isOneOf } from './keywords.ts';
import { isToDo } from '../../../domain/work-order/work-order.ts';

const REMAINING_WORDS = ['残り', 'のこり', '残件', '残作業', '残りの作業', '残り件数'];

export interface RemainingDeps {
  orders: DayOrdersReader;
  clock: Clock;
}

/** 「残り」: the sender's open orders of today in visit order (town only when asked in a channel). */
export async function sendRemaining(deps: RemainingDeps, turn: ChatTurn): Promise<void> {
  const date = tokyoDate(deps.clock.now());
  const day = japaneseDay(date);
  const open = (await deps.orders.assignedOrders(date, turn.person.id)).filter((o) => isToDo(o.status));
  if (open.length === 0) return turn.reply(plainView(t('routes.remaining.none', { date: day })));
  const inChannel = turn.envelope.inChannel === true;
  const lines = open.map((o) =>
    t('routes.remaining.line', { visit: o.visitOrder, orderNo: o.orderNo, kind: kindText(o), place: inChannel ? o.town : o.address }),
  );
  const header = t('routes.remaining.header', { date: day, count: open.length });
  await turn.reply({ summary: header, blocks: [{ type: 'header', text: header }, { type: 'text', text: lines.join('\n') }] });
}

export const isRemainingRequest = (text: string) => isOneOf(text, REMAINING_WORDS);
