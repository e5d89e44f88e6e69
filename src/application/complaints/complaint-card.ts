import { DEFAULT_CHAT_POLICY, allows, type Audience, type ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import { showTextFor, type ShowText } from '../privacy/show-text.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { townOf } from '../../domain/work-order/work-order.ts';
import { t } from '../../templates.ts';
import type { Block, Button, MessageView } from '../chat/view.ts';
import { complaintCardKey, pageMessageKey, type NameOf } from './complaint-record.ts';
import type { ComplaintRecord, PageRecord } from './ports.ts';

export const COMPLAINT_ACTIONS = { ack: 'complaint.ack', resolve: 'complaint.resolve' } as const;

/** A watcher's card, the bureau channel's, or the message of one page (its own key: each page rings). */
export type CardViewer = { kind: 'person'; personId: string } | { kind: 'channel' } | { kind: 'page'; page: PageRecord };

export const viewKeyOf = (c: ComplaintRecord, viewer: CardViewer) =>
  viewer.kind === 'page' ? pageMessageKey(c.id, viewer.page.round, viewer.page.position) : complaintCardKey(c.id);

export interface CardContext {
  nameOf: NameOf;
  ackTimeoutMinutes: number;
  privacy?: ChatPrivacyPolicy;
  /** The complaint's customer number and the linked order's customer, found in the texts and masked (never shown). */
  customers?: KnownCustomer[];
}

/** The complaint's free texts (description, findings, action taken) as the viewer's audience may see them. */
const showFor = (c: ComplaintRecord, viewer: CardViewer, ctx: CardContext): ShowText =>
  showTextFor(ctx.customers ?? [], audienceOf(c, viewer), ctx.privacy);

export const complaintValue = (id: number) => JSON.stringify({ complaintId: id });

export function complaintIdFrom(value: string): number | undefined {
  try {
    const id = (JSON.parse(value) as Record<string, unknown>).complaintId;
    return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The person who answers (paged, holder, or the worker of the linked order) sees the address; others the town. */
function audienceOf(c: ComplaintRecord, viewer: CardViewer): Audience {
  if (viewer.kind === 'channel') return 'channel';
  if (viewer.kind === 'page') return 'assigneeDirect';
  const id = viewer.personId;
  const responder = c.holderId === id || c.order?.workerId === id || c.pages.some((p) => p.personId === id);
  return responder ? 'assigneeDirect' : 'otherDirect';
}

export function placeOf(c: ComplaintRecord, audience: Audience, policy: ChatPrivacyPolicy = DEFAULT_CHAT_POLICY): string {
  const address = c.address ?? c.order?.address;
  if (!address) return t('complaint.noPlace');
  return allows(policy, 'address', audience) ? address : (c.order && !c.address ? c.order.town : townOf(address));
}

/** The page being answered now, if any. */
export const currentPage = (c: ComplaintRecord): PageRecord | undefined =>
  c.state === 'paging' ? c.pages.findLast((p) => p.outcome === 'sending' || p.outcome === 'sent') : undefined;

/** The page that timed out last, after which paging went on (earlier ones only say they were not answered). */
const isLastTimedOut = (c: ComplaintRecord, page: PageRecord) => {
  const answeredOrTimedOut = c.pages.filter((p) => p.outcome === 'timed_out' || p.outcome === 'acknowledged');
  return answeredOrTimedOut.at(-1)?.id === page.id;
};

/** People skipped right before the current page (not reachable in chat), in calling order. */
export function skippedBefore(c: ComplaintRecord, page: PageRecord): string[] {
  const before = c.pages.slice(0, c.pages.indexOf(page));
  const skipped: string[] = [];
  for (let i = before.length - 1; i >= 0 && before[i]!.outcome === 'unreachable'; i--) skipped.unshift(before[i]!.personId);
  return [...new Set(skipped.filter((id) => id !== page.personId))];
}

function statusLines(c: ComplaintRecord, ctx: CardContext, show: ShowText): string[] {
  const time = (at: Date | null) => (at ? tokyoDateTime(at) : '');
  if (c.state === 'resolved') {
    return [
      t('complaint.status.resolved', { name: ctx.nameOf(c.resolvedById ?? c.holderId), time: time(c.resolvedAt) }),
      t('complaint.status.findings', { text: show(c.findings ?? '') }),
      t('complaint.status.actionTaken', { text: show(c.actionTaken ?? '') }),
    ];
  }
  if (c.state === 'acknowledged') return [t('complaint.status.acknowledged', { name: ctx.nameOf(c.holderId), time: time(c.acknowledgedAt) })];
  if (c.state === 'open') return [t('complaint.status.open', { names: c.recipients.map(ctx.nameOf).join('、') || t('complaint.nobody') })];
  const page = currentPage(c);
  const unreachable = [...new Set(c.pages.filter((p) => p.outcome === 'unreachable').map((p) => p.personId))];
  const lines = page
    ? [t('complaint.status.paging', { name: ctx.nameOf(page.personId), round: page.round, time: time(new Date(page.sentAt.getTime() + ctx.ackTimeoutMinutes * 60_000)) })]
    : [t('complaint.status.nobodyReachable')];
  if (unreachable.length > 0) lines.push(t('complaint.status.unreachable', { names: unreachable.map(ctx.nameOf).join('、') }));
  return lines;
}

function buttonsFor(c: ComplaintRecord, viewer: CardViewer): Button[] {
  if (viewer.kind === 'channel' || c.state === 'resolved') return [];
  const value = complaintValue(c.id);
  const ack: Button = { actionId: COMPLAINT_ACTIONS.ack, label: t('complaint.button.ack'), value, style: 'primary' };
  const resolve: Button = { actionId: COMPLAINT_ACTIONS.resolve, label: t('complaint.button.resolve'), value };
  return c.state === 'acknowledged' ? [resolve] : [ack, resolve];
}

/**
 * What one page's message says: its own state (calling, no answer, cancelled), then the complaint's state once it is
 * acknowledged, resolved or paged again. Who is being called right now is on the supervisors' and channel's cards.
 */
function pageLines(c: ComplaintRecord, page: PageRecord, ctx: CardContext, show: ShowText): string[] {
  const live = page.outcome === 'sending' || page.outcome === 'sent';
  const lines: string[] = [];
  if (live && c.state === 'paging') {
    const due = tokyoDateTime(new Date(page.sentAt.getTime() + ctx.ackTimeoutMinutes * 60_000));
    lines.push(t('complaint.page.calling', { round: page.round, time: due }));
    const skipped = skippedBefore(c, page);
    if (skipped.length > 0) lines.push(t('complaint.page.skipped', { names: skipped.map(ctx.nameOf).join('、') }));
  } else if (page.outcome === 'timed_out') {
    lines.push(t(c.state === 'paging' && isLastTimedOut(c, page) ? 'complaint.page.timedOutStillOpen' : 'complaint.page.timedOut', { round: page.round }));
  } else if (page.outcome === 'cancelled') {
    lines.push(t('complaint.page.cancelled', { round: page.round }));
  }
  if (c.state === 'paging' && page.outcome === 'acknowledged') lines.push(t('complaint.page.repaging'));
  if (c.state === 'acknowledged' || c.state === 'resolved') lines.push(...statusLines(c, ctx, show));
  return lines;
}

/**
 * The complaint's card as one viewer sees it: watchers and the channel under the key complaint:<id>, each page under
 * its own key, so every change re-renders each message in place. The customer number is never shown.
 */
export function complaintCard(c: ComplaintRecord, viewer: CardViewer, ctx: CardContext): MessageView {
  const state = t(`complaint.state.${c.state}`);
  const header = t('complaint.header', { id: c.id, kind: t(`complaint.kind.${c.kind}`), state });
  const show = showFor(c, viewer, ctx);
  const order = c.order ? t('complaint.orderLine', { orderNo: c.order.orderNo, date: c.order.scheduledDate }) : t('complaint.noOrder');
  const fields = [
    { label: t('complaint.field.receivedAt'), value: tokyoDateTime(c.receivedAt) },
    { label: t('complaint.field.place'), value: placeOf(c, audienceOf(c, viewer), ctx.privacy) },
    { label: t('complaint.field.order'), value: order },
    { label: t('complaint.field.description'), value: show(c.description) },
  ];
  const lines = viewer.kind === 'page' ? pageLines(c, viewer.page, ctx, show) : statusLines(c, ctx, show);
  const blocks: Block[] = [{ type: 'header', text: header }, { type: 'fields', fields }];
  if (lines.length > 0) blocks.push({ type: 'text', text: lines.join('\n') });
  const buttons = buttonsFor(c, viewer);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return { key: viewKeyOf(c, viewer), summary: [header, lines[0]].filter(Boolean).join(' '), blocks };
}
