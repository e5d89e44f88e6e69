import { t } from '../../templates.ts';
import { getAfterHoursRoster } from '../staffing/get-after-hours-roster.ts';
import { cardContext, reachableAmong, refreshCards, sendCard, sendNotice } from './complaint-delivery.ts';
import { noticeKey, supervisorsFor } from './complaint-record.ts';
import { decidePageStep, sentChange, unreachableChange, type StepFrom } from './page-step.ts';
import { StepTaken, type ComplaintDeps, type ComplaintRecord, type PageRecord } from './ports.ts';

/** Nobody on the roster can be reached: supervisors and the bureau channel are told, an error is logged, a timer retries. */
async function reportNobody(deps: ComplaintDeps, c: ComplaintRecord, from: StepFrom): Promise<void> {
  deps.logger.error('complaint paging reaches nobody on the after-hours roster; retrying later', {
    complaintId: c.id,
    night: c.pagingNight,
    retryMinutes: deps.policy.nobodyRetryMinutes,
  });
  await refreshCards(deps, c);
  const text = t('complaint.notice.nobodyReachable', { id: c.id, minutes: deps.policy.nobodyRetryMinutes });
  await sendNotice(deps, c, await supervisorsFor(deps, c.receivedAt), noticeKey(c.id, `nobody:${from.round}`), text);
}

/**
 * Sends the page just decided. An acknowledgement that came in since the decision means nothing is sent. A person
 * the platform refuses is marked unreachable and the next one is paged at once, in this same step.
 */
async function deliverPage(deps: ComplaintDeps, page: PageRecord, complaintId: number, now: Date, refused: Set<string>): Promise<void> {
  const fresh = await deps.complaints.get(complaintId);
  if (!fresh || fresh.state !== 'paging' || fresh.pages.find((p) => p.id === page.id)?.outcome !== 'sending') {
    return deps.logger.info('complaint page not sent: acknowledged or resolved meanwhile', { complaintId });
  }
  const sending = fresh.pages.find((p) => p.id === page.id)!;
  const reason = await sendCard(deps, fresh, page.personId, { kind: 'page', page: sending }, await cardContext(deps, fresh));
  if (reason === undefined) {
    const after = await deps.complaints.change(complaintId, now, (c) => sentChange(c, page));
    if (!after) return;
    // The watchers' cards show who is called now, the page that timed out says so; acknowledged while this one was
    // on its way: every message, this one included, shows who has it.
    const timedOut = after.record.pages.filter((p) => p.outcome === 'timed_out').slice(-1).map((p) => p.id);
    return refreshCards(deps, after.record, { pages: after.record.state === 'paging' ? timedOut : 'all' });
  }
  deps.logger.warn('complaint page not delivered; paging the next on the roster', { complaintId, personId: page.personId, reason });
  refused.add(page.personId);
  const marked = await deps.complaints.change(complaintId, now, (c) => unreachableChange(c, page, reason));
  if (marked?.result) await runPageStep(deps, complaintId, { round: page.round, position: page.position }, now, { refused });
}

/**
 * One step of after-hours paging (timer 'complaint.page'): the roster of the complaint's night is read fresh (an
 * override made tonight applies), the step is decided inside the write funnel, then the page is sent.
 */
export async function runPageStep(
  deps: ComplaintDeps,
  complaintId: number,
  from: StepFrom,
  now: Date,
  opts: { refused?: Set<string>; retry?: boolean } = {},
): Promise<void> {
  const refused = opts.refused ?? new Set<string>();
  const before = await deps.complaints.get(complaintId);
  if (!before) return deps.logger.warn('complaint of a paging step not found', { complaintId });
  if (before.state !== 'paging') return;
  const roster = before.pagingNight ? (await getAfterHoursRoster({ staff: deps.staff }, before.pagingNight)).personIds : [];
  const reachable = await reachableAmong(deps, roster, refused);
  let outcome;
  try {
    outcome = await deps.complaints.change(complaintId, now, (c) => decidePageStep(c, from, roster, (id) => reachable.has(id), deps.policy, now, opts.retry));
  } catch (e) {
    if (e instanceof StepTaken) return deps.logger.info('complaint page written by another instance', { complaintId });
    throw e;
  }
  if (!outcome) return;
  const { record, result } = outcome;
  if (result.type === 'nobody') return reportNobody(deps, record, from);
  if (result.type === 'resend') return deliverPage(deps, result.page, complaintId, now, refused);
  if (result.type !== 'page') return;
  const page = record.pages.find((p) => p.round === result.round && p.position === result.position)!;
  deps.logger.info('complaint paged', { complaintId, round: page.round, position: page.position });
  await deliverPage(deps, page, complaintId, now, refused);
}
