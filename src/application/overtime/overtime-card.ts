import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import type { Block, MessageView } from '../chat/view.ts';
import { caseValue, orderText, placeFor, type NameOf } from '../cases/case-text.ts';
import type { CaseOrder } from '../cases/ports.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import { directAudience, showTextFor } from '../privacy/show-text.ts';
import { OVERTIME_ACTIONS, overtimeCardKey, type OvertimeRecord } from './overtime-record.ts';

export interface OvertimeCardContext {
  nameOf: NameOf;
  orders: Map<string, CaseOrder>;
  privacy?: ChatPrivacyPolicy;
  /** The customers of the request's orders, found in the reason and masked (never shown). */
  customers?: KnownCustomer[];
}

export const stateText = (state: OvertimeRecord['state']) => t(`escalation.overtime.${state}`);

/** "20260327-0007 開栓 (片町)" per order, the place as this viewer may see it. */
export function ordersText(request: OvertimeRecord, viewerId: string, ctx: OvertimeCardContext): string {
  return request.orderNos
    .map((no) => {
      const order = ctx.orders.get(no);
      return order ? `${orderText(order, no)} (${placeFor(order, viewerId, ctx.privacy)})` : no;
    })
    .join('\n');
}

/** The reason as the viewer may see it: its writer (the supervisor who asked) as the assignee does, others as others. */
function reasonFor(request: OvertimeRecord, viewerId: string, ctx: OvertimeCardContext): string {
  return showTextFor(ctx.customers ?? [], directAudience(viewerId, [request.requestedById]), ctx.privacy)(request.reason);
}

/** The request's card (key overtime:<id>): 承認 / 却下 for the bureau while pending, the decision afterwards. */
export function overtimeCard(request: OvertimeRecord, viewerId: string, ctx: OvertimeCardContext): MessageView {
  const header = t('escalation.overtime.header', { id: request.id, state: stateText(request.state) });
  const blocks: Block[] = [
    { type: 'header', text: header },
    {
      type: 'fields',
      fields: [
        { label: t('escalation.field.requester'), value: ctx.nameOf(request.requestedById) },
        { label: t('escalation.field.until'), value: request.until },
        { label: t('escalation.field.reason'), value: reasonFor(request, viewerId, ctx) },
      ],
    },
    { type: 'text', text: `${t('escalation.field.orders')}:\n${ordersText(request, viewerId, ctx)}` },
  ];
  if (request.decidedAt) {
    const decision = t('escalation.overtime.decided', { decision: stateText(request.state), name: ctx.nameOf(request.decidedById), time: tokyoHhmm(request.decidedAt) });
    blocks.push({ type: 'context', text: decision });
  }
  if (request.state === 'pending' && viewerId !== request.requestedById) {
    const value = caseValue('requestId', request.id);
    blocks.push({
      type: 'actions',
      buttons: [
        { actionId: OVERTIME_ACTIONS.approve, label: t('escalation.overtime.approve'), value, style: 'primary' },
        { actionId: OVERTIME_ACTIONS.decline, label: t('escalation.overtime.decline'), value, style: 'danger' },
      ],
    });
  }
  return { key: overtimeCardKey(request.id), summary: header, blocks };
}
