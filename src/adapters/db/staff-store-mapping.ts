import type { RosterRange } from '../../domain/staffing/after-hours-roster.ts';
import { CHART_NAMES, type ChartLevel, type ChartName, type ContactCharts } from '../../domain/staffing/contact-chart.ts';
import type { ChannelAddress } from '../../domain/staffing/staff-directory.ts';
import type { Affiliation, ChatPlatform, StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { Prisma } from './generated/client.ts';

/** Rows ↔ domain values for the staff store. */
type PersonRow = Prisma.PersonGetPayload<{ include: { chatIdentities: true } }>;

export function toPerson(row: PersonRow): StaffPerson {
  return {
    id: row.id,
    affiliation: row.affiliation as Affiliation,
    name: row.name,
    nameKana: row.nameKana,
    phone: row.phone,
    title: row.title,
    canSupervise: row.canSupervise,
    isAdmin: row.isAdmin,
    isSecurityOfficer: row.isSecurityOfficer,
    idCard:
      row.idCardNumber !== null && row.idCardExpiresOn !== null
        ? { number: row.idCardNumber, expiresOn: row.idCardExpiresOn, returnedOn: row.idCardReturnedOn }
        : null,
    // Rows are written from the staff file, whose chat keys are the registry's platform ids.
    chat: Object.fromEntries(row.chatIdentities.map((i) => [i.platform, i.externalId])),
    active: row.active,
    from: row.workFrom,
    until: row.workUntil,
    osUser: row.osUser,
  };
}

/** Every stored column of a person except id, identities and timestamps. */
export function personColumns(p: StaffPerson) {
  return {
    affiliation: p.affiliation,
    name: p.name,
    nameKana: p.nameKana,
    phone: p.phone,
    title: p.title,
    canSupervise: p.canSupervise,
    isAdmin: p.isAdmin,
    isSecurityOfficer: p.isSecurityOfficer,
    idCardNumber: p.idCard?.number ?? null,
    idCardExpiresOn: p.idCard?.expiresOn ?? null,
    idCardReturnedOn: p.idCard?.returnedOn ?? null,
    active: p.active,
    workFrom: p.from,
    workUntil: p.until,
    osUser: p.osUser ?? null,
  };
}

type EntryRow = { validFrom: string; validTo: string | null; position: number; personId: string };

/** validFrom is a required column: a range open at the start is stored from this date. */
export const OPEN_START = '0000-01-01';

/** Entries sorted by validFrom then position → one range per (validFrom, validTo). */
export function toRanges(entries: readonly EntryRow[]): RosterRange[] {
  const ranges: RosterRange[] = [];
  for (const e of entries) {
    const validFrom = e.validFrom === OPEN_START ? null : e.validFrom;
    const last = ranges[ranges.length - 1];
    if (last && last.validFrom === validFrom && last.validTo === e.validTo) last.personIds.push(e.personId);
    else ranges.push({ validFrom, validTo: e.validTo, personIds: [e.personId] });
  }
  return ranges;
}

export function rangeRows(ranges: readonly RosterRange[]): EntryRow[] {
  return ranges.flatMap((r) =>
    r.personIds.map((personId, position) => ({ validFrom: r.validFrom ?? OPEN_START, validTo: r.validTo, position, personId })),
  );
}

type LevelRow = { chart: string; position: number; target: string; personId: string | null; ackTimeoutMinutes: number };

export function toCharts(rows: readonly LevelRow[]): ContactCharts {
  const charts: ContactCharts = { doubt: [], incident: [] };
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    if (!(CHART_NAMES as readonly string[]).includes(row.chart)) continue;
    const target: ChartLevel['target'] =
      row.target === 'person' && row.personId ? { kind: 'person', personId: row.personId } : { kind: 'dutySupervisor' };
    charts[row.chart as ChartName].push({ target, ackTimeoutMinutes: row.ackTimeoutMinutes });
  }
  return charts;
}

export function chartRows(charts: ContactCharts): LevelRow[] {
  return CHART_NAMES.flatMap((chart) =>
    charts[chart].map((level, position) => ({
      chart,
      position,
      target: level.target.kind,
      personId: level.target.kind === 'person' ? level.target.personId : null,
      ackTimeoutMinutes: level.ackTimeoutMinutes,
    })),
  );
}

export const CHANNEL_PREFIX = 'channel:';

export function toChannels(rows: readonly { platform: string; key: string; address: string }[]): ChannelAddress[] {
  return rows
    .filter((r) => r.key.startsWith(CHANNEL_PREFIX))
    .map((r) => ({ key: r.key.slice(CHANNEL_PREFIX.length), platform: r.platform as ChatPlatform, address: r.address }));
}
