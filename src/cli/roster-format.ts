import type { NightRosterWithPeople } from '../application/staffing/get-after-hours-roster.ts';
import { weekdayOf } from '../domain/calendar/local-time.ts';
import type { DayStaffing } from '../domain/staffing/day-staffing.ts';
import { blocksDispatch, idCardStatus } from '../domain/staffing/id-card.ts';
import type { StaffPerson } from '../domain/staffing/staff-person.ts';
import { t, templateText } from '../templates.ts';

/** Text of `kaiheisen roster show|set` and `roster after-hours|override` (src/cli/commands/roster.ts). */
export function peopleById(people: readonly StaffPerson[]): Map<string, StaffPerson> {
  return new Map(people.map((p) => [p.id, p]));
}

function weekday(date: string): string {
  return t('roster.weekdays').split(',')[weekdayOf(date)] ?? '';
}

function names(ids: readonly string[], people: Map<string, StaffPerson>): string {
  return ids.map((id) => `${id} ${people.get(id)?.name ?? ''}`.trim()).join('、') || t('roster.none');
}

export function dayStaffingReport(s: DayStaffing, isWorkDay: boolean, people: Map<string, StaffPerson>): string[] {
  const header = t('roster.show.header', { date: s.date, weekday: weekday(s.date), source: t(`roster.show.source.${s.source}`) });
  if (s.source === 'closed') return [header, t('roster.show.closed', { date: s.date })];
  return [
    header,
    ...(isWorkDay ? [] : [t('roster.show.closedExplicit', { date: s.date })]),
    t('roster.show.workers', { count: s.onDuty.length, list: names(s.onDuty, people) }),
    s.supervisors.length > 0 ? t('roster.show.supervisors', { list: names(s.supervisors, people) }) : t('roster.show.noSupervisor'),
    ...(s.benched ?? []).map((b) =>
      t('roster.show.benched', { id: b.personId, name: people.get(b.personId)?.name ?? '', state: templateText(`assign.cardState.${b.cardState}`) }),
    ),
  ];
}

/** Those of the night's contacts whose ID card on record keeps them from field work (spec 9(3)). */
function nightCardWarnings(night: NightRosterWithPeople): string[] {
  return night.members.flatMap((p) => {
    const state = idCardStatus(p.idCard, true, night.date).state;
    return blocksDispatch(state) ? [t('roster.afterHours.cardBlocked', { id: p.id, name: p.name, state: templateText(`assign.cardState.${state}`) })] : [];
  });
}

export function afterHoursReport(night: NightRosterWithPeople): string[] {
  const lines = [t('roster.afterHours.header', { date: night.date, weekday: weekday(night.date) })];
  const open = t('roster.afterHours.openEnd');
  if (night.range) lines.push(t('roster.afterHours.range', { from: night.range.validFrom ?? open, to: night.range.validTo ?? open }));
  else lines.push(t('roster.afterHours.noRange'));
  for (const o of night.overrides) {
    const note = o.note ? t('roster.afterHours.note', { note: o.note }) : '';
    lines.push(
      o.replacesPersonId
        ? t('roster.afterHours.replaces', { person: o.personId, replaces: o.replacesPersonId, note })
        : t('roster.afterHours.first', { person: o.personId, note }),
    );
  }
  night.members.forEach((p, i) => lines.push(t('roster.afterHours.line', { position: i + 1, id: p.id, name: p.name, phone: p.phone ?? '' })));
  if (night.members.length === 0) lines.push(t('roster.afterHours.empty'));
  return [...lines, ...nightCardWarnings(night)];
}
