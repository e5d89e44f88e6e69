import type { AuditEntry, Clock } from '../../application/ports.ts';
import type { StaffReader, StaffStore, StaffWriter } from '../../application/staffing/ports.ts';
import type { RosterOverride, RosterRange } from '../../domain/staffing/after-hours-roster.ts';
import type { ContactCharts } from '../../domain/staffing/contact-chart.ts';
import type { StaffingRow } from '../../domain/staffing/day-staffing.ts';
import type { ChatIdentityRow } from '../../domain/staffing/identity-sync.ts';
import type { ChannelAddress } from '../../domain/staffing/staff-directory.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { WorkPlace } from '../../domain/staffing/work-place.ts';
import type { Database, PrismaClient, Tx } from './database.ts';
import { CHANNEL_PREFIX, chartRows, personColumns, rangeRows, toChannels, toCharts, toPerson, toRanges } from './staff-store-mapping.ts';
import { writeAudit } from './audit-writer.ts';
import { contractorColumns, toContractor } from './contractor-mapping.ts';
import type { ContractorDetails } from '../../domain/reports/contractor.ts';
import type { LowStockSetting } from '../../domain/consumables/stock.ts';

/** Prisma implementation of the staff ports: people, staffing, after-hours roster, contact charts. */
class PrismaStaffReader implements StaffReader {
  constructor(protected readonly client: PrismaClient | Tx) {}

  async listPeople(): Promise<StaffPerson[]> {
    const rows = await this.client.person.findMany({ include: { chatIdentities: true }, orderBy: { id: 'asc' } });
    return rows.map(toPerson);
  }

  async names(): Promise<Map<string, string>> {
    const rows = await this.client.person.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async explicitStaffing(date: string): Promise<StaffingRow[]> {
    const rows = await this.client.dailyStaffing.findMany({ where: { date }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({ personId: r.personId, onDuty: r.onDuty, isSupervisor: r.isSupervisor }));
  }

  async defaultStaffing(): Promise<StaffingRow[]> {
    const rows = await this.client.defaultStaffing.findMany({ orderBy: { personId: 'asc' } });
    return rows.map((r) => ({ personId: r.personId, onDuty: true, isSupervisor: r.isSupervisor }));
  }

  async rosterRanges(): Promise<RosterRange[]> {
    const rows = await this.client.afterHoursRosterEntry.findMany({
      orderBy: [{ validFrom: 'asc' }, { validTo: 'asc' }, { position: 'asc' }],
    });
    return toRanges(rows);
  }

  async rosterOverrides(date: string): Promise<RosterOverride[]> {
    const rows = await this.client.afterHoursOverride.findMany({ where: { date }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({ personId: r.personId, replacesPersonId: r.replacesPersonId, note: r.note }));
  }

  async rosterOverrideOfEvent(eventId: number): Promise<(RosterOverride & { date: string }) | undefined> {
    const r = await this.client.afterHoursOverride.findUnique({ where: { sourceEventId: eventId } });
    return r ? { date: r.date, personId: r.personId, replacesPersonId: r.replacesPersonId, note: r.note } : undefined;
  }

  async contactCharts(): Promise<ContactCharts> {
    return toCharts(await this.client.contactChartLevel.findMany());
  }

  async channels(): Promise<ChannelAddress[]> {
    return toChannels(await this.client.chatConversation.findMany({ where: { key: { startsWith: CHANNEL_PREFIX } } }));
  }

  async contractor(): Promise<ContractorDetails | null> {
    const row = await this.client.contractorDetails.findUnique({ where: { id: 1 } });
    return row ? toContractor(row) : null;
  }

  async workPlaces(): Promise<WorkPlace[]> {
    const rows = await this.client.workPlace.findMany({ orderBy: { position: 'asc' } });
    return rows.map((r) => ({ name: r.name, address: r.address, purpose: r.purpose, storage: r.storage }));
  }

  async lowStockSetting(): Promise<LowStockSetting | null> {
    const row = await this.client.supplySettings.findUnique({ where: { id: 1 } });
    return row ? (JSON.parse(row.lowStock) as LowStockSetting) : null;
  }
}

class PrismaStaffWriter extends PrismaStaffReader implements StaffWriter {
  constructor(
    private readonly tx: Tx,
    private readonly clock: Clock,
  ) {
    super(tx);
  }

  async createPerson(person: StaffPerson): Promise<void> {
    await this.tx.person.create({ data: { id: person.id, ...personColumns(person) } });
  }

  async updatePerson(person: StaffPerson, activeChangedAt: Date | null): Promise<void> {
    const deactivatedAt = activeChangedAt === null ? undefined : person.active ? null : activeChangedAt;
    await this.tx.person.update({ where: { id: person.id }, data: { ...personColumns(person), deactivatedAt } });
  }

  async removeIdentity(row: ChatIdentityRow): Promise<void> {
    await this.tx.chatIdentity.deleteMany({ where: { platform: row.platform, personId: row.personId, externalId: row.externalId } });
  }

  async addIdentity(row: ChatIdentityRow): Promise<void> {
    await this.tx.chatIdentity.create({ data: row });
  }

  async replaceDefaultStaffing(rows: StaffingRow[]): Promise<void> {
    await this.tx.defaultStaffing.deleteMany();
    const data = rows.filter((r) => r.onDuty).map((r) => ({ personId: r.personId, isSupervisor: r.isSupervisor }));
    if (data.length > 0) await this.tx.defaultStaffing.createMany({ data });
  }

  async replaceRosterRanges(ranges: RosterRange[]): Promise<void> {
    await this.tx.afterHoursRosterEntry.deleteMany();
    const data = rangeRows(ranges);
    if (data.length > 0) await this.tx.afterHoursRosterEntry.createMany({ data });
  }

  async replaceContactCharts(charts: ContactCharts): Promise<void> {
    await this.tx.contactChartLevel.deleteMany();
    await this.tx.contactChartLevel.createMany({ data: chartRows(charts) });
  }

  async replaceWorkPlaces(places: WorkPlace[]): Promise<void> {
    await this.tx.workPlace.deleteMany();
    await this.tx.workPlace.createMany({ data: places.map((p, position) => ({ position, ...p })) });
  }

  async setChannel(channel: ChannelAddress): Promise<void> {
    const where = { platform_key: { platform: channel.platform, key: `${CHANNEL_PREFIX}${channel.key}` } };
    const data = { platform: channel.platform, key: `${CHANNEL_PREFIX}${channel.key}`, address: channel.address };
    await this.tx.chatConversation.upsert({ where, create: data, update: { address: channel.address } });
  }

  async replaceContractor(details: ContractorDetails | null): Promise<void> {
    await this.tx.contractorDetails.deleteMany();
    if (details) await this.tx.contractorDetails.create({ data: { id: 1, ...contractorColumns(details) } });
  }

  async replaceLowStockSetting(setting: LowStockSetting | null): Promise<void> {
    await this.tx.supplySettings.deleteMany();
    if (setting) await this.tx.supplySettings.create({ data: { id: 1, lowStock: JSON.stringify(setting) } });
  }

  async replaceExplicitStaffing(date: string, rows: StaffingRow[]): Promise<void> {
    await this.tx.dailyStaffing.deleteMany({ where: { date } });
    if (rows.length > 0) await this.tx.dailyStaffing.createMany({ data: rows.map((r) => ({ date, ...r })) });
  }

  async addRosterOverride(date: string, o: RosterOverride, sourceEventId?: number): Promise<void> {
    await this.tx.afterHoursOverride.create({ data: { date, ...o, createdAt: this.clock.now(), sourceEventId: sourceEventId ?? null } });
  }

  async clearRosterOverrides(date: string): Promise<number> {
    return (await this.tx.afterHoursOverride.deleteMany({ where: { date } })).count;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.tx, this.clock.now(), entry);
  }
}

class PrismaStaffStore extends PrismaStaffReader implements StaffStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    super(db.read);
  }

  write<T>(fn: (writer: StaffWriter) => Promise<T>): Promise<T> {
    return this.db.write((tx) => fn(new PrismaStaffWriter(tx, this.clock)));
  }
}

export function createStaffStore(db: Database, clock: Clock): StaffStore {
  return new PrismaStaffStore(db, clock);
}
