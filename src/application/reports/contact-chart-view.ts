import type { RosterRange } from '../../domain/staffing/after-hours-roster.ts';
import { isAvailableOn } from '../../domain/staffing/availability.ts';
import { CHART_NAMES, type ChartLevel, type ChartName, type ContactCharts } from '../../domain/staffing/contact-chart.ts';
import type { ChannelAddress } from '../../domain/staffing/staff-directory.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import { formatEraDate } from '../../domain/reports/japanese-era.ts';
import { rangeCovers } from '../../domain/staffing/after-hours-roster.ts';
import { t, templateText } from '../../templates.ts';
import type { ReportHeader } from './report-header.ts';

/** One person at a level of the chart: why they are there, and how to reach them. */
export interface ChartPersonLine {
  personId: string;
  name: string;
  role: string; // 当日の業務責任者 / 業務責任者 (通常) / 業務責任者 (代行可) / 連絡先
  title: string; // 役職・所属
  phone: string;
}

export interface ChartLevelView {
  position: number;
  heading: string;
  ackTimeoutMinutes: number;
  people: ChartPersonLine[];
  emptyText: string;
}

export interface RosterRangeView {
  label: string;
  current: boolean;
  people: { position: number; name: string; phone: string }[];
}

/** 連絡系統図 of a date; stored as JSON in Report.content (kind 'contactChart'). */
export interface ContactChartView {
  kind: 'contactChart';
  date: string;
  dateLabel: string;
  submittedLabel: string;
  header: ReportHeader;
  charts: { name: ChartName; levels: ChartLevelView[] }[];
  roster: RosterRangeView[];
  bureauChannels: string[];
}

export interface ContactChartFacts {
  date: string;
  charts: ContactCharts;
  people: StaffPerson[];
  supervisorsToday: string[];
  defaultSupervisors: string[];
  rosterRanges: RosterRange[];
  channels: ChannelAddress[];
}

export function contactChartView(facts: ContactChartFacts, header: ReportHeader, submittedOn: string): ContactChartView {
  const byId = new Map(facts.people.map((p) => [p.id, p]));
  return {
    kind: 'contactChart',
    date: facts.date,
    dateLabel: formatEraDate(facts.date),
    submittedLabel: formatEraDate(submittedOn),
    header,
    charts: CHART_NAMES.map((name) => ({ name, levels: facts.charts[name].map((level, i) => levelView(facts, byId, level, i + 1)) })),
    roster: facts.rosterRanges.map((range) => rangeView(range, byId, facts.date)),
    bureauChannels: facts.channels.filter((c) => c.key === 'bureau').map((c) => t('bureauDocs.contactChart.channelLine', { platform: c.platform, address: c.address })),
  };
}

function levelView(facts: ContactChartFacts, byId: Map<string, StaffPerson>, level: ChartLevel, position: number): ChartLevelView {
  const supervisor = level.target.kind === 'dutySupervisor';
  const target = t(supervisor ? 'bureauDocs.contactChart.targetSupervisor' : 'bureauDocs.contactChart.targetPerson');
  const people = level.target.kind === 'dutySupervisor' ? supervisorLines(facts, byId) : personLines(byId, level.target.personId);
  return {
    position,
    heading: t('bureauDocs.contactChart.level', { position, target, minutes: level.ackTimeoutMinutes }),
    ackTimeoutMinutes: level.ackTimeoutMinutes,
    people,
    emptyText: t(supervisor ? 'bureauDocs.contactChart.noSupervisor' : 'bureauDocs.contactChart.inactive'),
  };
}

/** The day's 業務責任者 first, then the default ones, then everyone else who may supervise (active on the date). */
function supervisorLines(facts: ContactChartFacts, byId: Map<string, StaffPerson>): ChartPersonLine[] {
  const available = (id: string) => isAvailableOn(byId.get(id), facts.date);
  const candidates = facts.people.filter((p) => p.affiliation === 'contractor' && p.canSupervise).map((p) => p.id);
  const seen = new Set<string>();
  const lines: ChartPersonLine[] = [];
  const add = (ids: string[], role: string) => {
    for (const id of ids.filter(available)) {
      if (seen.has(id)) continue;
      seen.add(id);
      lines.push(line(byId.get(id)!, templateText(`bureauDocs.contactChart.${role}`)));
    }
  };
  add(facts.supervisorsToday, 'roleToday');
  add(facts.defaultSupervisors, 'roleDefault');
  add(candidates, 'roleCandidate');
  return lines;
}

function personLines(byId: Map<string, StaffPerson>, personId: string): ChartPersonLine[] {
  const person = byId.get(personId);
  return person?.active ? [line(person, t('bureauDocs.contactChart.rolePerson'))] : [];
}

function line(person: StaffPerson, role: string): ChartPersonLine {
  const affiliation = templateText(`bureauDocs.contactChart.affiliation.${person.affiliation}`);
  return { personId: person.id, name: person.name, role, title: [person.title, affiliation].filter(Boolean).join('・'), phone: person.phone ?? '' };
}

function rangeView(range: RosterRange, byId: Map<string, StaffPerson>, date: string): RosterRangeView {
  const from = range.validFrom && range.validFrom !== '0000-01-01' ? formatEraDate(range.validFrom) : '';
  const to = range.validTo ? formatEraDate(range.validTo) : '';
  const span = from || to ? `${from}～${to}` : t('bureauDocs.contactChart.always');
  const current = rangeCovers(range, date);
  return {
    label: current ? t('bureauDocs.contactChart.afterHoursCurrent', { range: span, date: formatEraDate(date) }) : t('bureauDocs.contactChart.afterHoursRange', { range: span }),
    current,
    people: range.personIds.map((id, i) => ({ position: i + 1, name: byId.get(id)?.name ?? id, phone: byId.get(id)?.phone ?? '' })),
  };
}
