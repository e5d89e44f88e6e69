import type { StaffingSource } from '../../application/reports/ports.ts';
import type { StaffingSnapshot } from '../../application/reports/staffing-snapshot.ts';
import type { Database } from './database.ts';

/**
 * Reads the staffing tables of one date for the roster documents. Kept apart from the staff
 * loader's store on purpose (parallel work); the resolution itself is the shared domain rule.
 */
export class PrismaStaffingReportSource implements StaffingSource {
  constructor(private readonly db: Database) {}

  async loadStaffing(date: string): Promise<StaffingSnapshot> {
    const read = this.db.read;
    const row = { personId: true, onDuty: true, isSupervisor: true } as const;
    const [explicit, defaults, rosterEntries, overrides] = await Promise.all([
      read.dailyStaffing.findMany({ where: { date }, select: row, orderBy: { id: 'asc' } }),
      read.defaultStaffing.findMany({ select: { personId: true, isSupervisor: true }, orderBy: { personId: 'asc' } }),
      read.afterHoursRosterEntry.findMany({
        select: { validFrom: true, validTo: true, position: true, personId: true },
        orderBy: [{ validFrom: 'asc' }, { position: 'asc' }],
      }),
      read.afterHoursOverride.findMany({
        where: { date },
        select: { personId: true, replacesPersonId: true, note: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      }),
    ]);
    const ids = new Set([
      ...explicit.map((r) => r.personId),
      ...defaults.map((r) => r.personId),
      ...rosterEntries.map((r) => r.personId),
      ...overrides.flatMap((o) => [o.personId, o.replacesPersonId ?? o.personId]),
    ]);
    const people = await read.person.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true, phone: true, idCardNumber: true, active: true, workFrom: true, workUntil: true },
    });
    const dated = people.map(({ workFrom, workUntil, ...p }) => ({ ...p, from: workFrom, until: workUntil }));
    return { date, explicit, defaults: defaults.map((d) => ({ ...d, onDuty: true })), rosterEntries, overrides, people: dated };
  }
}
