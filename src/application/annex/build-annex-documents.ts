import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { reportHeader } from '../reports/report-header.ts';
import type { ReportDocument } from '../../domain/reports/report-document.ts';
import type { AnnexDeps, AnnexResult } from './ports.ts';
import { securityOfficersDocument } from './security-officers-document.ts';
import { systemUsersCsv, systemUsersDocument } from './system-users-document.ts';
import { workPlacesDocument } from './work-places-document.ts';
import { privacyIncidentDocument, privacyIncidentRows, type PrivacyIncidentFacts } from './privacy-incident-document.ts';

async function rendered(deps: AnnexDeps, doc: ReportDocument, count: number, csv?: string): Promise<AnnexResult> {
  const pdf = await deps.renderer.render(doc);
  return { pdf: pdf.bytes, pageCount: pdf.pageCount, count, ...(csv === undefined ? {} : { csv }) };
}

/** 第3条: 管理責任者及び従事者選任届 and the responsibility chart, from the staff directory. */
export async function buildSecurityOfficers(deps: AnnexDeps): Promise<AnnexResult> {
  const people = await deps.source.people();
  const listed = people.filter((p) => p.active && (p.affiliation === 'contractor' || p.isSecurityOfficer));
  return rendered(deps, securityOfficersDocument(people, reportHeader(await deps.contractor.contractor()), deps.clock.now()), listed.length);
}

/** 第4条: 作業場所及び保管場所届; none set is an error that names the staff file's key. */
export async function buildWorkPlaces(deps: AnnexDeps): Promise<AnnexResult> {
  const places = await deps.source.workPlaces();
  if (places.length === 0) throw new AppError(ErrorCode.InvalidInput, t('annex.workPlaces.missing'));
  return rendered(deps, workPlacesDocument(places, reportHeader(await deps.contractor.contractor()), deps.clock.now()), places.length);
}

/** 第19条: 情報システム利用者一覧 (PDF) and the same list as CSV. */
export async function buildSystemUsers(deps: AnnexDeps): Promise<AnnexResult> {
  const people = await deps.source.people();
  return rendered(deps, systemUsersDocument(people, reportHeader(await deps.contractor.contractor()), deps.clock.now()), people.length, systemUsersCsv(people));
}

/** 第23条: 個人情報漏えい等事故報告書 of an incident or terminal case; `blanks`: rows left to fill by hand. */
export async function buildPrivacyIncident(deps: AnnexDeps, incidentId: number, facts: PrivacyIncidentFacts): Promise<AnnexResult & { blanks: number }> {
  if (facts.records !== undefined && (!Number.isInteger(facts.records) || facts.records < 0)) {
    throw new AppError(ErrorCode.InvalidInput, t('annex.privacy.badRecords', { value: String(facts.records) }));
  }
  const incident = await deps.incidents.get(incidentId);
  if (!incident) throw new AppError(ErrorCode.NotFound, t('annex.privacy.notFound', { id: incidentId }));
  const names = new Map((await deps.source.people()).map((p) => [p.id, p.name]));
  const rows = privacyIncidentRows(incident, facts, (id) => (id ? (names.get(id) ?? id) : ''));
  const result = await rendered(deps, privacyIncidentDocument(rows, reportHeader(await deps.contractor.contractor()), deps.clock.now()), 1);
  return { ...result, blanks: rows.filter((r) => r.value === null).length };
}
