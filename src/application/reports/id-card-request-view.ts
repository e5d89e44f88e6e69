import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { formatEraDate } from '../../domain/reports/japanese-era.ts';
import type { CardRequestReason } from '../../domain/staffing/id-card-request.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { TrainingRecord } from '../staffing/trainings.ts';
import type { StaffPhoto } from '../staffing/person-photos.ts';
import type { ReportHeader } from './report-header.ts';

export interface IdCardRequestRow {
  personId: string;
  name: string;
  nameKana: string;
  reason: CardRequestReason;
  card: { number: string; expiresLabel: string } | null;
  training: { dateLabel: string; topic: string; passed: boolean };
  photoFile: string; // its name inside the protected ZIP
}

/** 身分証明書発行依頼書 of a date (JSON in Report.content; the photos themselves are not stored there). */
export interface IdCardRequestView {
  kind: 'idCardRequest';
  date: string;
  dateLabel: string;
  header: ReportHeader;
  rows: IdCardRequestRow[];
}

export interface RequestedWorker {
  person: StaffPerson;
  reason: CardRequestReason;
  training: TrainingRecord; // the latest passed one
  photo: StaffPhoto;
}

export const photoFileName = (photo: StaffPhoto) => `${photo.personId}.${photo.mime === 'image/png' ? 'png' : 'jpg'}`;

export function idCardRequestView(workers: RequestedWorker[], header: ReportHeader, date: string): IdCardRequestView {
  return {
    kind: 'idCardRequest',
    date,
    dateLabel: formatEraDate(date),
    header,
    rows: workers.map(({ person, reason, training, photo }) => ({
      personId: person.id,
      name: person.name,
      nameKana: person.nameKana ?? '',
      reason,
      card: person.idCard && !person.idCard.returnedOn ? { number: person.idCard.number, expiresLabel: formatEraDate(person.idCard.expiresOn) } : null,
      training: { dateLabel: formatEraDate(tokyoDate(training.finishedAt)), topic: training.scenario, passed: training.passed },
      photoFile: photoFileName(photo),
    })),
  };
}
