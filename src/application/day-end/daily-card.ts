import { t } from '../../templates.ts';
import type { Block, Button, MessageView } from '../chat/view.ts';
import type { DailyReportState } from '../reports/daily-report-ports.ts';
import type { DailyReportView } from '../reports/daily-report-view.ts';
import { formatCount } from '../reports/report-header.ts';
import { dateValue, serialOf } from './day-end-cards.ts';
import { DAY_END_ACTIONS, dailyCardKey } from './ports.ts';

const NOTES_ON_CARD = 5;

export interface DailyCardStatus {
  state: DailyReportState;
  /** HH:MM when it went to the bureau channel. */
  sentAt?: string;
  /** Approved, but the bureau channel could not be reached. */
  sendFailed?: boolean;
}

/** The day in a few lines: totals, each worker, cases and fees, the first notes. No customer data is on it. */
export function summaryBlocks(view: DailyReportView): Block[] {
  const c = view.totals;
  const open = c.open > 0 ? t('dayEnd.card.openPart', { open: c.open }) : '';
  const blocks: Block[] = [{ type: 'text', text: t('dayEnd.card.totals', { done: c.done, absent: c.absent, notDone: c.notDone, carriedOver: c.carriedOver, open }) }];
  if (!view.hasData) blocks.push({ type: 'text', text: t('dayEnd.card.noData') });
  const workers = view.workers.map((w) =>
    t('dayEnd.card.workerLine', {
      name: w.name, done: w.done, absent: w.absent, notDone: w.notDone, carriedOver: w.carriedOver,
      confirmed: w.confirmed ? t('dayEnd.card.confirmedAt', { time: w.confirmed }) : w.asked ? t('dayEnd.card.notConfirmed') : t('dayEnd.card.notAsked'),
    }),
  );
  if (workers.length > 0) blocks.push({ type: 'text', text: workers.join('\n') });
  const cases = { flagged: view.flagged.length, doubts: view.doubts.length, incidents: view.incidents.length, complaints: view.complaints.length };
  blocks.push({ type: 'text', text: t('dayEnd.card.cases', { ...cases, parking: formatCount(view.parking.totalYen) }) });
  if (view.handoverNotes.length > 0) blocks.push({ type: 'text', text: notesText(view) });
  if (view.corrections.length > 0) blocks.push({ type: 'context', text: t('dayEnd.card.corrections', { count: view.corrections.length }) });
  return blocks;
}

function notesText(view: DailyReportView): string {
  const lines = view.handoverNotes.slice(0, NOTES_ON_CARD).map((n) =>
    t('dayEnd.card.noteLine', { name: n.worker, order: n.orderNo ? ` (${serialOf(n.orderNo)})` : '', text: n.text }),
  );
  const more = view.handoverNotes.length - NOTES_ON_CARD;
  if (more > 0) lines.push(t('dayEnd.card.moreNotes', { count: more }));
  return [t('dayEnd.card.notes', { count: view.handoverNotes.length }), ...lines].join('\n');
}

/** The supervisors' card (key daily:<date>): 承認 and 修正・追記 on a draft, 再送 when sending failed, the outcome after. */
export function dailyCard(view: DailyReportView, status: DailyCardStatus): MessageView {
  const header = t('dayEnd.card.header', { date: view.shortLabel, state: t(`dayEnd.card.state.${status.state}`) });
  const blocks: Block[] = [{ type: 'header', text: header }, ...summaryBlocks(view)];
  if (view.approval) blocks.push({ type: 'context', text: t('dayEnd.card.approvedBy', { name: view.approval.name, time: view.approval.at.slice(11) }) });
  if (status.state === 'sent' && status.sentAt) blocks.push({ type: 'context', text: t('dayEnd.card.sentAt', { time: status.sentAt }) });
  if (status.sendFailed) blocks.push({ type: 'text', text: t('dayEnd.card.sendFailed') });
  const buttons = buttonsFor(view.date, status.state);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return { key: dailyCardKey(view.date), summary: header, blocks };
}

function buttonsFor(date: string, state: DailyReportState): Button[] {
  const value = dateValue(date);
  if (state === 'draft') {
    return [
      { actionId: DAY_END_ACTIONS.approve, label: t('dayEnd.card.approve'), value, style: 'primary' },
      { actionId: DAY_END_ACTIONS.amend, label: t('dayEnd.card.amend'), value },
    ];
  }
  if (state === 'approved') return [{ actionId: DAY_END_ACTIONS.approve, label: t('dayEnd.card.resend'), value, style: 'primary' }];
  return [];
}

/** What the bureau channel gets with the PDF (key daily:<date>:bureau). */
export function bureauMessage(view: DailyReportView): MessageView {
  const header = t('dayEnd.bureau.header', { date: view.shortLabel });
  const approval = view.approval ? t('dayEnd.bureau.approvedBy', { name: view.approval.name, time: view.approval.at.slice(11) }) : '';
  return {
    key: `${dailyCardKey(view.date)}:bureau`,
    summary: header,
    // The PDF follows per platform (Slack: uploaded; console: its path; Teams: the CLI command), see BureauFiles.
    blocks: [{ type: 'header', text: header }, ...summaryBlocks(view), { type: 'context', text: approval }, ...anchorBlocks(view)],
  };
}

/** The audit anchor in short (the full value is on the PDF, where it can be copied). */
function anchorBlocks(view: DailyReportView): MessageView['blocks'] {
  const head = view.approval?.auditHead;
  return head ? [{ type: 'context', text: t('dayEnd.bureau.auditHead', { head: `${head.slice(0, 8)}…` }) }] : [];
}
