import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { KANAZAWA_MAPPING } from '../../adapters/csv/column-mapping.ts';
import { loadColumnMapping } from '../../adapters/csv/work-order-file.ts';
import { readStaffFile } from '../../adapters/staff-file/read-staff-file.ts';
import { PLATFORM_MODULES } from '../platforms/registry.ts';
import { assignDay } from '../../application/assignment/assign-day.ts';
import { importWorkOrders } from '../../application/import-work-orders.ts';
import { loadStaffDirectory } from '../../application/staffing/load-staff-directory.ts';
import { readExampleOrders } from './example-orders.ts';
import { staffDepsOf } from '../services/staff.ts';
import { assignmentDepsOf, importDepsOf } from '../services/work-orders.ts';
import { EXAMPLES_LOCK, onOneInstanceAtATime } from '../../adapters/db/instance-lock.ts';

const SYSTEM_ACTOR = { actorId: null, channel: 'system' };

export interface DemoFiles {
  staff: string;
  orders: string;
}

export interface DemoLoadReport {
  date: string;
  people: number;
  orders: number;
  rejected: number;
  assigned: number;
  unassigned: number;
}

/** examples/staff.yaml and the first examples/work-orders*.csv; a folder without them is named in Japanese. */
export function exampleFiles(dir: string): DemoFiles {
  const missing = (what: string) => new AppError(ErrorCode.FileUnreadable, t('simulate.examplesMissing', { dir, what }));
  if (!existsSync(join(dir, 'staff.yaml'))) throw missing('staff.yaml');
  const orders = readdirSync(dir)
    .filter((f) => /^work-orders.*\.csv$/i.test(f))
    .sort()[0];
  if (!orders) throw missing('work-orders*.csv');
  return { staff: join(dir, 'staff.yaml'), orders: join(dir, orders) };
}

/** True when the database has neither people nor work orders (a fresh install). */
export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const [people, orders] = await Promise.all([ctx.db.read.person.count(), ctx.db.read.workOrder.count()]);
  return people === 0 && orders === 0;
}

/**
 * The examples, when the database is empty (`npm start`). Instances starting at once on one PostgreSQL database load
 * them once: the check and the load hold a lock, and the next instance finds the database no longer empty.
 */
export async function loadExamplesIfEmpty(ctx: AppContext, files: () => DemoFiles, date: string): Promise<DemoLoadReport | undefined> {
  return onOneInstanceAtATime(ctx.db, EXAMPLES_LOCK, async () => ((await isDatabaseEmpty(ctx)) ? loadDemoData(ctx, files(), date) : undefined));
}

/**
 * Loads a staff file and a work-order export moved to `date` through their use cases, then assigns that date:
 * the demo (`kaiheisen start` on an empty database) and `kaiheisen simulate` start from here.
 */
export async function loadDemoData(ctx: AppContext, files: DemoFiles, date: string): Promise<DemoLoadReport> {
  const staff = await loadStaffDirectory(staffDepsOf(ctx), await readStaffFile(files.staff, PLATFORM_MODULES), { actor: SYSTEM_ACTOR, mayGrantRoles: true });
  const mapping = ctx.config.importMappingFile ? loadColumnMapping(ctx.config.importMappingFile) : KANAZAWA_MAPPING;
  const imported = await importWorkOrders(importDepsOf(ctx), {
    source: readExampleOrders(files.orders, mapping, date),
    dryRun: false,
    actor: SYSTEM_ACTOR,
  });
  const assigned = await assignDay(assignmentDepsOf(ctx), { date, includeSupervisors: false, ...SYSTEM_ACTOR });
  const report: DemoLoadReport = {
    date,
    people: staff.added.length + staff.updated.length + staff.unchanged.length,
    orders: imported.imported + imported.updated + imported.unchanged,
    rejected: imported.rejected.length,
    assigned: assigned.workers.reduce((sum, w) => sum + w.count, 0),
    unassigned: assigned.unassigned.length,
  };
  ctx.logger.info('demo data loaded', { ...report });
  return report;
}
