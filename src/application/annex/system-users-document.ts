import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { ROLES, type Role } from '../../domain/access/roles.ts';
import { toCsv } from '../../domain/reports/csv.ts';
import type { ReportDocument } from '../../domain/reports/report-document.ts';
import { t } from '../../templates.ts';
import type { ReportHeader } from '../reports/report-header.ts';
import { annexLetterhead, column, eraDateOr } from './annex-letterhead.ts';
import { actionLabel, permissionsOf, roleLabel, systemRolesOf } from './annex-roles.ts';
import type { AnnexPerson } from './ports.ts';

/** One line of the list: every value as printed (the PDF) and written (the CSV). */
interface UserRow {
  id: string;
  name: string;
  affiliation: string;
  roles: string;
  chat: string;
  osUser: string;
  from: string;
  until: string;
  state: string;
}

function stateOf(p: AnnexPerson): string {
  if (p.active) return t('annex.systemUsers.active');
  return p.deactivatedAt ? t('annex.systemUsers.deactivated', { date: eraDateOr(tokyoDate(p.deactivatedAt)) }) : t('annex.systemUsers.inactive');
}

export function userRows(people: AnnexPerson[]): UserRow[] {
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    affiliation: t(`annex.affiliation.${p.affiliation}`),
    roles: systemRolesOf({ ...p, active: true }).map(roleLabel).join('・'),
    chat: p.chat.map(([platform, id]) => `${platform}: ${id}`).join(' / '),
    osUser: p.osUser ?? '',
    from: eraDateOr(p.from),
    until: eraDateOr(p.until),
    state: stateOf(p),
  }));
}

const COLUMNS = ['colNo', 'colId', 'colName', 'colAffiliation', 'colRoles', 'colChat', 'colOsUser', 'colPeriod', 'colState'] as const;
const CSV_COLUMNS = ['colId', 'colName', 'colAffiliation', 'colRoles', 'colChat', 'colOsUser', 'colState', 'colFrom', 'colUntil', 'colPermissions'] as const;

/** The roles and what each allows (as src/domain/access/roles.ts decides it). */
function permissionRows(): string[][] {
  return ROLES.map((role: Role) => [roleLabel(role), permissionsOf([role]).map(actionLabel).join('、')]);
}

/** 第19条: 情報システム利用者一覧 — everyone who can use the bot, active or deactivated, and the roles' permissions. */
export function systemUsersDocument(people: AnnexPerson[], header: ReportHeader, now: Date): ReportDocument {
  const rows = userRows(people).map((r, i) => [String(i + 1), r.id, r.name, r.affiliation, r.roles, r.chat, r.osUser, `${r.from}～${r.until}`, r.state]);
  const weights = [0.4, 0.9, 1.4, 0.8, 1.8, 2.2, 1, 2.2, 1.5];
  return {
    title: t('annex.systemUsers.documentTitle'),
    author: header.contractorName,
    sections: [
      {
        orientation: 'landscape',
        pageNumbers: true,
        runningHeader: t('annex.systemUsers.title'),
        blocks: [
          ...annexLetterhead(header, now, t('annex.systemUsers.title'), t('annex.systemUsers.body', { contract: header.contractName })),
          { type: 'table', columns: COLUMNS.map((k, i) => column(t(`annex.systemUsers.${k}`), weights[i]!)), rows },
          { type: 'spacer', height: 10 },
          { type: 'heading', text: t('annex.systemUsers.permissionsTitle') },
          { type: 'table', columns: [column(t('annex.systemUsers.colRoles'), 1.2), column(t('annex.systemUsers.colPermissions'), 8)], rows: permissionRows() },
        ],
      },
    ],
  };
}

/** The same list as CSV (UTF-8 BOM, formula-safe), one row per person, with the permissions spelled out. */
export function systemUsersCsv(people: AnnexPerson[]): string {
  const header = CSV_COLUMNS.map((k) => t(`annex.systemUsers.${k}`));
  const rows = userRows(people).map((r, i) => {
    const p = people[i]!;
    const permissions = permissionsOf(systemRolesOf(p)).map(actionLabel).join('、');
    return [r.id, r.name, r.affiliation, r.roles, r.chat, r.osUser, r.state, r.from, r.until, permissions];
  });
  return toCsv([header, ...rows]);
}
