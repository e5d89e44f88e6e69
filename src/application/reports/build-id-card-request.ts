import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { isOnStaffOn } from '../../domain/staffing/availability.ts';
import { idCardStatus } from '../../domain/staffing/id-card.ts';
import { cardRequestReason, explicitRequestReason, isTrained, type CardRequestReason } from '../../domain/staffing/id-card-request.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Clock } from '../ports.ts';
import type { PhotoStore, StaffPhoto } from '../staffing/person-photos.ts';
import type { StaffReader } from '../staffing/ports.ts';
import type { TrainingRecord, TrainingStore } from '../staffing/trainings.ts';
import { idCardRequestDocument } from './id-card-request-document.ts';
import { idCardRequestView, type IdCardRequestView } from './id-card-request-view.ts';
import type { ContractorSource, PdfRenderer, ReportRepository } from './ports.ts';
import { reportHeader } from './report-header.ts';

export interface BuildIdCardRequestDeps {
  staff: Pick<StaffReader, 'listPeople'>;
  trainings: Pick<TrainingStore, 'list'>;
  photos: Pick<PhotoStore, 'photos'>;
  reports: ReportRepository;
  renderer: PdfRenderer;
  clock: Clock;
  contractor: ContractorSource;
}

export interface IdCardRequestResult {
  reportId: number;
  view: IdCardRequestView;
  pdf: Uint8Array;
  photos: StaffPhoto[];
}

export const ID_CARD_REQUEST_REPORT_KIND = 'idCardRequest';

interface Candidate {
  person: StaffPerson;
  reason: CardRequestReason;
}

/**
 * 身分証明書発行依頼書 (spec 9(1)) with the photo of each worker: only trained workers. Named workers must be trained
 * (refused otherwise); without names, the trained active contractor workers without a valid card or whose card
 * expires within 30 days. A worker without a stored photo is refused, naming the staff-file key to set.
 */
export async function buildIdCardRequest(
  deps: BuildIdCardRequestDeps,
  input: { workers?: string[]; actorId?: string | null; channel?: string },
): Promise<IdCardRequestResult> {
  const today = tokyoDate(deps.clock.now());
  const [people, trainings] = await Promise.all([deps.staff.listPeople(), deps.trainings.list()]);
  const passed = (id: string) => trainings.filter((r) => r.personId === id && r.passed);
  const candidates = input.workers ? named(people, input.workers, today, passed) : byDefault(people, today, passed);
  if (candidates.length === 0) throw new AppError(ErrorCode.NotFound, t('bureauDocs.idCardRequest.nobody'));
  const photos = await deps.photos.photos(candidates.map((c) => c.person.id));
  const photoOf = new Map(photos.map((p) => [p.personId, p]));
  const missing = candidates.find((c) => !photoOf.has(c.person.id));
  if (missing) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.idCardRequest.noPhoto', { id: missing.person.id, name: missing.person.name }));
  const workers = candidates.map((c) => ({ ...c, training: passed(c.person.id).at(-1)!, photo: photoOf.get(c.person.id)! }));
  const view = idCardRequestView(workers, reportHeader(await deps.contractor.contractor()), today);
  const rendered = await deps.renderer.render(idCardRequestDocument(view, photoOf));
  const { id } = await deps.reports.saveReport({
    kind: ID_CARD_REQUEST_REPORT_KIND,
    period: today,
    content: JSON.stringify(view),
    pdf: rendered.bytes,
    actorId: input.actorId ?? null,
    channel: input.channel ?? 'system',
    personalData: { entity: 'Person', fields: ['name', 'nameKana', 'idCardNumber', 'photo'], count: workers.length },
  });
  return { reportId: id, view, pdf: rendered.bytes, photos: workers.map((w) => w.photo) };
}

function named(people: StaffPerson[], ids: string[], today: string, passed: (id: string) => TrainingRecord[]): Candidate[] {
  return [...new Set(ids)].map((id) => {
    const person = people.find((p) => p.id === id && p.affiliation === 'contractor' && isOnStaffOn(p, today));
    if (!person) throw new AppError(ErrorCode.NotFound, t('bureauDocs.idCardRequest.unknownWorker', { id }));
    if (!isTrained(passed(id))) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.idCardRequest.notTrained', { id, name: person.name }));
    return { person, reason: explicitRequestReason(idCardStatus(person.idCard, true, today).state) };
  });
}

function byDefault(people: StaffPerson[], today: string, passed: (id: string) => TrainingRecord[]): Candidate[] {
  return people
    .filter((p) => p.affiliation === 'contractor' && isOnStaffOn(p, today) && isTrained(passed(p.id)))
    .flatMap((person) => {
      const reason = cardRequestReason(idCardStatus(person.idCard, true, today).state);
      return reason ? [{ person, reason }] : [];
    });
}
