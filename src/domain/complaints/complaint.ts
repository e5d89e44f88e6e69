import type { ComplaintKind } from './complaint-command.ts';

/**
 * 苦情 (a no-water complaint): its states, its pages to the after-hours roster and the policy of the waits. It moves
 * through the transitions of complaint-lifecycle.ts.
 */
export type ComplaintState = 'open' | 'paging' | 'acknowledged' | 'resolved';
export const COMPLAINT_STATES: readonly ComplaintState[] = ['open', 'paging', 'acknowledged', 'resolved'];
export type ComplaintVia = 'chat' | 'webhook' | 'cli';
export type PageOutcome = 'sending' | 'sent' | 'acknowledged' | 'timed_out' | 'unreachable' | 'cancelled';
export const PAGE_OUTCOMES: readonly PageOutcome[] = ['sending', 'sent', 'acknowledged', 'timed_out', 'unreachable', 'cancelled'];

export interface PageRecord {
  id: number;
  personId: string;
  round: number;
  position: number;
  sentAt: Date;
  outcome: PageOutcome;
  acknowledgedAt: Date | null;
}

/** The 開栓 order a complaint is about. Never carries the customer's name, kana, phone or number. */
export interface LinkedOrder {
  id: number;
  orderNo: string;
  scheduledDate: string;
  address: string;
  town: string;
  /** Who did it (TaskResult.personId), else the assignee; null when nobody is known. */
  workerId: string | null;
}

/** A complaint as the use cases see it: the customer number is stored but never read back into chat. */
export interface ComplaintRecord {
  id: number;
  kind: ComplaintKind;
  via: ComplaintVia;
  receivedAt: Date;
  address: string | null;
  hasCustomerNumber: boolean;
  description: string;
  order: LinkedOrder | null;
  state: ComplaintState;
  holderId: string | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  findings: string | null;
  actionTaken: string | null;
  pagingNight: string | null;
  externalId: string | null;
  /** In the order they were made. */
  pages: PageRecord[];
  /** People the complaint's card (key complaint:<id>) was sent to ('cardSent' events), first to last. */
  recipients: string[];
  /** Page messages delivered (one new message per page, so a page rings even for someone paged before). */
  pageMessages: { pageId: number; personId: string }[];
  /** The inbound chat event that recorded it (苦情 typed in chat), else null. */
  sourceEventId?: number | null;
  /** Inbound chat events whose changes the complaint holds (its events carry them): 対応します, 解決報告. */
  sourceEvents?: number[];
}

export type ComplaintPatch = Partial<
  Pick<ComplaintRecord, 'state' | 'holderId' | 'acknowledgedAt' | 'resolvedAt' | 'resolvedById' | 'findings' | 'actionTaken' | 'pagingNight'>
>;

/** Times of the paging and the reminders (minutes), and the window in which an order is linked (days). */
export interface ComplaintPolicy {
  ackTimeoutMinutes: number;
  resolveTimeoutMinutes: number;
  repageAfterReminderMinutes: number;
  nobodyRetryMinutes: number;
  linkWindowDays: number;
}

export const DEFAULT_COMPLAINT_POLICY: ComplaintPolicy = {
  ackTimeoutMinutes: 10,
  resolveTimeoutMinutes: 60,
  repageAfterReminderMinutes: 60,
  nobodyRetryMinutes: 10,
  linkWindowDays: 14,
};
