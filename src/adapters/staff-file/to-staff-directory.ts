import type { ChartLevel } from '../../domain/staffing/contact-chart.ts';
import type { ChannelAddress, StaffDirectory } from '../../domain/staffing/staff-directory.ts';
import type { ChatPlatform, StaffPerson } from '../../domain/staffing/staff-person.ts';
import { toContractorDetails } from './contractor-schema.ts';
import type { StaffFile } from './staff-file-schema.ts';
import { toLowStockSetting } from './supplies-schema.ts';

/** The parsed file in the domain's terms (absent optional values become null). */
export function toStaffDirectory(file: StaffFile): StaffDirectory {
  return {
    people: file.people.map(toPerson),
    defaultStaffing: { workers: file.defaultStaffing.workers, supervisors: file.defaultStaffing.supervisors },
    afterHoursRoster: file.afterHoursRoster.map((r) => ({ validFrom: r.validFrom ?? null, validTo: r.validTo ?? null, personIds: r.people })),
    workPlaces: file.workPlaces,
    contactCharts: { doubt: file.contactCharts.doubt.map(toLevel), incident: file.contactCharts.incident.map(toLevel) },
    channels: Object.entries(file.channels).flatMap(([key, platforms]) =>
      Object.entries(platforms)
        .filter(([, address]) => address !== undefined)
        .map(([platform, address]): ChannelAddress => ({ key, platform: platform as ChatPlatform, address: address! })),
    ),
    contractor: file.contractor ? toContractorDetails(file.contractor) : null,
    lowStock: file.supplies ? toLowStockSetting(file.supplies) : null,
    photos: file.people.flatMap((p, index) => (p.photo ? [{ personId: p.id, file: p.photo, index }] : [])),
  };
}

function toPerson(p: StaffFile['people'][number]): StaffPerson {
  const chat: StaffPerson['chat'] = {};
  for (const [platform, externalId] of Object.entries(p.chat)) if (externalId !== undefined) chat[platform as ChatPlatform] = externalId;
  return {
    id: p.id,
    affiliation: p.affiliation,
    name: p.name,
    nameKana: p.nameKana ?? null,
    phone: p.phone ?? null,
    title: p.title ?? null,
    canSupervise: p.canSupervise,
    isAdmin: p.isAdmin,
    isSecurityOfficer: p.isSecurityOfficer,
    idCard: p.idCard ? { number: p.idCard.number, expiresOn: p.idCard.expiresOn, returnedOn: p.idCard.returnedOn ?? null } : null,
    chat,
    active: p.active,
    from: p.from ?? null,
    until: p.until ?? null,
    osUser: p.osUser ?? null,
  };
}

function toLevel(level: { target: string; ackTimeoutMinutes: number }): ChartLevel {
  const target: ChartLevel['target'] = level.target === 'supervisor' ? { kind: 'dutySupervisor' } : { kind: 'person', personId: level.target };
  return { target, ackTimeoutMinutes: level.ackTimeoutMinutes };
}
