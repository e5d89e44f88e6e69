import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { maskPersonalData } from '../../domain/privacy/personal-text.ts';
import { customersOf } from '../cases/case-text.ts';
import { maskLabels } from '../privacy/mask-labels.ts';
import type { FormRefusal } from '../chat/dispatcher.ts';
import type { FormView } from '../chat/view.ts';
import { amendForm } from './day-end-cards.ts';
import { buildBotDraft, labelOf, requireSupervisor, sendDailyCards } from './daily-delivery.ts';
import { MAX_NOTE_CHARS } from './record-day-end.ts';
import type { DayEndDeps } from './ports.ts';

/** The 修正・追記 form, for a supervisor of the date while the report is a draft; otherwise why it cannot open. */
export async function amendFormFor(deps: DayEndDeps, personId: string, date: string): Promise<FormView | FormRefusal> {
  const { supervisors } = await deps.team.approversOn(date);
  if (!supervisors.includes(personId)) return { refused: t('dayEnd.onlySupervisor', { date: labelOf(date) }) };
  const stored = await deps.report.reports.getDaily(date);
  if (!stored) return { refused: t('dayEnd.notFound', { date: labelOf(date) }) };
  return stored.state === 'draft' ? amendForm(date) : { refused: t('dayEnd.notDraft', { date: labelOf(date) }) };
}

/**
 * A correction as the report keeps it (Report.content, the PDF, every supervisor's card): phone numbers, customer
 * numbers and the names and numbers of the day's customers masked, like every other free text of the report.
 */
async function maskedForReport(deps: DayEndDeps, date: string, text: string): Promise<string> {
  const rows = await deps.report.source.loadDay(date);
  return maskPersonalData(text, await customersOf(deps.orders, rows.orders.map((o) => o.orderNo)), maskLabels());
}

/**
 * 修正・追記: notes become handover notes of the supervisor, a correction is appended to the report as free text
 * (with who and when); the draft is rebuilt and every supervisor's card updated in place. The replay of the form
 * (`eventId`, a crash before it was marked done) adds neither again (the note is kept by its event).
 */
export async function amendDailyReport(
  deps: DayEndDeps,
  actor: PersonActor,
  date: string,
  values: { notes: string; correction: string },
  eventId?: number,
): Promise<string> {
  await requireSupervisor(deps, actor.actorId, date);
  const notes = values.notes.trim();
  const correction = values.correction.trim();
  if (!notes && !correction) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.amend.empty'));
  if (notes.length > MAX_NOTE_CHARS || correction.length > MAX_NOTE_CHARS) throw new AppError(ErrorCode.InvalidInput, t('dayEnd.note.tooLong', { max: MAX_NOTE_CHARS }));
  const stored = await deps.report.reports.getDaily(date);
  if (!stored) throw new AppError(ErrorCode.NotFound, t('dayEnd.notFound', { date: labelOf(date) }));
  if (stored.state !== 'draft') throw new AppError(ErrorCode.Conflict, t('dayEnd.notDraft', { date: labelOf(date) }));
  if (eventId !== undefined && stored.view.corrections.some((c) => c.eventId === eventId)) {
    // The replay of a form whose correction is in the draft: its note and the rebuild were done before it.
    await sendDailyCards(deps, stored.view, { state: 'draft' });
    return t('dayEnd.amend.done', { date: labelOf(date) });
  }
  const now = deps.clock.now();
  const reportActor = { actorId: actor.actorId, channel: actor.channel };
  if (notes) await deps.store.addHandoverNote({ date, personId: actor.actorId, orderNo: null, text: notes }, now, reportActor, eventId);
  const name = (await deps.report.source.names()).get(actor.actorId) ?? actor.actorId;
  const corrections = correction
    ? [...stored.view.corrections, { personId: actor.actorId, name, at: tokyoDateTime(now), text: await maskedForReport(deps, date, correction), ...(eventId === undefined ? {} : { eventId }) }]
    : stored.view.corrections;
  const rebuilt = await buildBotDraft(deps, { date, actor: reportActor, corrections });
  if (!rebuilt.rebuilt) throw new AppError(ErrorCode.Conflict, t('dayEnd.notDraft', { date: labelOf(date) }));
  deps.logger.info('daily report amended', { date, personId: actor.actorId, notes: notes.length > 0, correction: correction.length > 0 });
  await sendDailyCards(deps, rebuilt.view, { state: 'draft' });
  return t('dayEnd.amend.done', { date: labelOf(date) });
}
