import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { townOf } from '../../domain/work-order/work-order.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { nameLookup, peopleOf } from './complaint-record.ts';
import type { ComplaintDeps, ComplaintRecord, PageOutcome } from './ports.ts';

/** One after-hours call-out: a page that reached (or tried to reach) a roster member. */
export interface CallOut {
  personId: string;
  name: string;
  round: number;
  at: string; // YYYY-MM-DD HH:MM, Tokyo
  outcome: PageOutcome;
}

/** A complaint as the monthly report lists it: times in Tokyo, the town only, never the customer number. */
export interface ComplaintListItem {
  id: number;
  kind: string;
  via: string;
  receivedAt: string;
  afterHours: boolean;
  town: string | null;
  orderNo: string | null;
  description: string;
  state: string;
  holder: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  findings: string | null;
  actionTaken: string | null;
  callOuts: CallOut[];
}

export interface ComplaintMonth {
  month: string;
  count: number;
  afterHours: number;
  unresolved: number;
  callOuts: number;
  items: ComplaintListItem[];
}

const at = (d: Date | null) => (d ? tokyoDateTime(d) : null);

function monthRange(month: string): [Date, Date] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/u.exec(month);
  if (!m) throw new AppError(ErrorCode.InvalidInput, t('complaint.invalid.month', { value: month }));
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return [tokyoInstant(`${month}-01`), tokyoInstant(next)];
}

function itemOf(c: ComplaintRecord, nameOf: (id: string | null) => string, afterHours: boolean): ComplaintListItem {
  const address = c.address ?? c.order?.address ?? null;
  return {
    id: c.id,
    kind: c.kind,
    via: c.via,
    receivedAt: tokyoDateTime(c.receivedAt),
    afterHours,
    town: address ? townOf(address) : null,
    orderNo: c.order?.orderNo ?? null,
    description: c.description,
    state: c.state,
    holder: c.holderId ? nameOf(c.holderId) : null,
    acknowledgedAt: at(c.acknowledgedAt),
    resolvedAt: at(c.resolvedAt),
    resolvedBy: c.resolvedById ? nameOf(c.resolvedById) : null,
    findings: c.findings,
    actionTaken: c.actionTaken,
    callOuts: c.pages.map((p) => ({ personId: p.personId, name: nameOf(p.personId), round: p.round, at: tokyoDateTime(p.sentAt), outcome: p.outcome })),
  };
}

/** Complaints received in a month (YYYY-MM, Tokyo) with their after-hours call-outs, for the monthly report. */
export async function listComplaints(deps: Pick<ComplaintDeps, 'complaints' | 'calendar' | 'staff'>, month: string): Promise<ComplaintMonth> {
  const [from, to] = monthRange(month);
  const [rows, people] = await Promise.all([deps.complaints.listReceived(from, to), peopleOf(deps)]);
  const nameOf = nameLookup(people);
  const items = rows.map((c) => itemOf(c, nameOf, !deps.calendar.isBusinessTime(c.receivedAt)));
  return {
    month,
    count: items.length,
    afterHours: items.filter((i) => i.afterHours).length,
    unresolved: items.filter((i) => i.state !== 'resolved').length,
    callOuts: items.reduce((n, i) => n + i.callOuts.filter((c) => c.outcome !== 'unreachable').length, 0),
    items,
  };
}
