import { datesLabel } from '../../domain/staffing/availability.ts';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { readStaffFile } from '../../adapters/staff-file/read-staff-file.ts';
import { readStaffPhotos } from '../../adapters/staff-file/read-staff-photos.ts';
import { loadStaffPhotos, photoReport } from '../../application/staffing/person-photos.ts';
import { photoDepsOf } from '../../assembly/services/bureau-documents.ts';
import { loadStaffDirectory, type LoadStaffResult } from '../../application/staffing/load-staff-directory.ts';
import { listStaff, type StaffListEntry } from '../../application/staffing/list-staff.ts';
import { needsAttention } from '../../domain/staffing/id-card.ts';
import { maskPhone } from '../../domain/staffing/staff-person.ts';
import { PLATFORM_IDS, PLATFORM_MODULES } from '../../assembly/platforms/registry.ts';
import { t, templateText } from '../../templates.ts';
import { staffDepsOf, trainingDepsOf } from '../../assembly/services/staff.ts';
import { auditDisplay, operatorMay, requireOperator, type OperatorOptions } from '../operator.ts';
import { idCardLines, idCardNotices } from '../../application/staffing/id-card-reminder.ts';
import { tokyoDate, tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { contractorLines } from './contractor-lines.ts';
import { listTrainings, MANUAL_TRAINING, type TrainingRecord } from '../../application/staffing/trainings.ts';

export async function staffLoad(deps: CliDeps, file: string, opts: { dryRun?: boolean; json?: boolean } & OperatorOptions): Promise<void> {
  const directory = await readStaffFile(file, PLATFORM_MODULES);
  const photos = readStaffPhotos(directory, file);
  const ctx = await deps.context();
  const actor = await requireOperator(deps, ctx, opts, 'changeContactChart');
  // The bureau loads the file; what in it grants roles or identities is an admin's (roles.ts grantRoles).
  const mayGrantRoles = await operatorMay(ctx, actor, 'grantRoles');
  const result = await loadStaffDirectory(staffDepsOf(ctx), directory, { dryRun: opts.dryRun === true, actor, mayGrantRoles });
  const photoResult = await loadStaffPhotos(photoDepsOf(ctx), photos, { dryRun: opts.dryRun === true, actor });
  logLoad(ctx, result);
  deps.out(opts.json ? `${JSON.stringify({ ...result, photos: photoResult })}\n` : `${[...loadReport(result), ...photoReport(photoResult)].join('\n')}\n`);
  if (!opts.json && !result.dryRun) deps.out(await cardsToReturn(ctx, result.deactivated));
}

export async function staffList(deps: CliDeps, opts: { json?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'viewStaffContacts');
  const { today, entries } = await listStaff(staffDepsOf(ctx));
  const contractor = await staffDepsOf(ctx).staff.contractor();
  const fields = ['name', 'phone(masked)', 'idCard'];
  await auditDisplay(ctx, operator, { entity: 'Person', entityId: 'staff:list', fields, count: entries.length });
  if (opts.json) return deps.out(`${JSON.stringify({ today, contractor, people: entries.map(jsonEntry) })}\n`);
  deps.out(`${[...contractorLines(contractor), ...listReport(today, entries)].join('\n')}\n`);
}

export async function staffTrainings(deps: CliDeps, opts: { worker?: string; json?: boolean }): Promise<void> {
  const ctx = await deps.context();
  const records = await listTrainings(trainingDepsOf(ctx), opts.worker?.trim());
  if (opts.json) return deps.out(`${JSON.stringify({ trainings: records })}\n`);
  deps.out(`${(records.length === 0 ? [t('training.list.empty')] : records.map(trainingLine)).join('\n')}\n`);
}

/** A training recorded by hand (`train record`) has a date and no tasks: shown as such. */
function trainingLine(r: TrainingRecord): string {
  if (r.scriptFile === MANUAL_TRAINING) return t('training.list.manualLine', { id: r.personId, date: tokyoDate(r.finishedAt), scenario: r.scenario });
  return t('training.list.line', {
    id: r.personId,
    finishedAt: `${tokyoDate(r.finishedAt)} ${tokyoHhmm(r.finishedAt)}`,
    scenario: r.scenario,
    result: t(r.passed ? 'training.list.passed' : 'training.list.failed'),
    passed: r.tasksPassed,
    tasks: r.tasks,
  });
}

/** Spec 9(4): whoever was just deactivated and still holds an ID card must return it. */
async function cardsToReturn(ctx: AppContext, deactivated: string[]): Promise<string> {
  if (deactivated.length === 0) return '';
  const people = (await staffDepsOf(ctx).staff.listPeople()).filter((p) => deactivated.includes(p.id));
  const lines = idCardLines(idCardNotices(people, tokyoDate(ctx.clock.now())));
  return lines.length > 0 ? `${lines.join('\n')}\n${t('access.idCards.footer')}\n` : '';
}

function logLoad(ctx: AppContext, r: LoadStaffResult): void {
  ctx.logger.info('staff file loaded', {
    dryRun: r.dryRun,
    added: r.added.length,
    updated: r.updated.length,
    unchanged: r.unchanged.length,
    deactivated: r.deactivated.length,
    sections: r.changedSections.join(','),
  });
}

export function loadReport(r: LoadStaffResult): string[] {
  const counts = { added: r.added.length, updated: r.updated.length, unchanged: r.unchanged.length, deactivated: r.deactivated.length };
  return [
    t(r.dryRun ? 'staff.load.dryRunSummary' : 'staff.load.summary', counts),
    ...r.added.map((id) => t('staff.load.added', { id })),
    ...r.updated.map((u) => t('staff.load.updated', { id: u.id, fields: u.fields.join(', ') })),
    ...r.deactivated.map((id) => t('staff.load.deactivated', { id })),
    ...(r.identitiesChanged > 0 ? [t('staff.load.identities', { count: r.identitiesChanged })] : []),
    ...sectionLines(r),
  ];
}

/** 置き換え: the replaced sections; stored contractor details the file no longer has are named apart, as removed. */
function sectionLines(r: LoadStaffResult): string[] {
  const replaced = r.changedSections.filter((s) => !(s === 'contractor' && r.contractorRemoved));
  const lines = replaced.length > 0 ? [t('staff.load.sections', { sections: replaced.map((s) => templateText(`staff.load.section.${s}`)).join('、') })] : [];
  if (r.contractorRemoved) lines.push(t(r.dryRun ? 'staff.load.contractorRemovedDryRun' : 'staff.load.contractorRemoved'));
  return lines.length > 0 ? lines : [t('staff.load.noSectionChanges')];
}

function listReport(today: string, entries: StaffListEntry[]): string[] {
  if (entries.length === 0) return [t('staff.list.empty')];
  const attention = entries.filter((e) => needsAttention(e.idCard)).length;
  return [...entries.map(listLine), ...(attention > 0 ? [t('staff.list.attention', { count: attention, today })] : [])];
}

function listLine({ person: p, idCard }: StaffListEntry): string {
  const roles = (['canSupervise', 'isAdmin', 'isSecurityOfficer'] as const).filter((r) => p[r]).map((r) => t(`staff.list.role.${r}`));
  const chat = PLATFORM_IDS.filter((k) => p.chat[k]).map((k) => `${k}:${p.chat[k]}`);
  return t('staff.list.line', {
    id: p.id,
    affiliation: t(`staff.list.affiliation.${p.affiliation}`),
    name: p.name,
    phone: maskPhone(p.phone) ?? t('staff.list.noPhone'),
    roles: roles.join(',') || t('staff.list.noRoles'),
    chat: chat.join(' ') || t('staff.list.noChat'),
    active: t(p.active ? 'staff.list.active' : 'staff.list.inactive') + (p.from || p.until ? ` (${datesLabel(p)})` : ''),
    idCard: t(`staff.list.idCard.${idCard.state}`, {
      expiresOn: p.idCard?.expiresOn ?? '',
      returnedOn: p.idCard?.returnedOn ?? '',
      days: idCard.daysLeft ?? '',
    }),
  });
}

function jsonEntry({ person: p, idCard }: StaffListEntry) {
  return {
    id: p.id,
    affiliation: p.affiliation,
    name: p.name,
    phone: maskPhone(p.phone),
    title: p.title,
    roles: { canSupervise: p.canSupervise, isAdmin: p.isAdmin, isSecurityOfficer: p.isSecurityOfficer },
    chat: p.chat,
    active: p.active,
    from: p.from,
    until: p.until,
    idCard: p.idCard ? { expiresOn: p.idCard.expiresOn, returnedOn: p.idCard.returnedOn, ...idCard } : { ...idCard },
  };
}
