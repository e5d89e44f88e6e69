import type { ImportStaging, WorkOrderImportStore } from '../../application/import/ports.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { Database } from './database.ts';
import { type ExistingRow, IMPORT_SQL, toExisting } from './import-sql.ts';
import { openImportStaging, type StagingOptions } from './import-staging-store.ts';

/**
 * The import store. Reads outside a transaction (--dry-run) go through Prisma. The writes run on a connection
 * of their own with plain prepared statements (import-staging-store.ts): a year of orders (60,000 rows) takes
 * ~20 s and over 500 MB with Prisma's createMany (see bench/import.bench.ts).
 */
class SqliteImportStore implements WorkOrderImportStore {
  constructor(
    private readonly db: Database,
    private readonly options: StagingOptions,
  ) {}

  async findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]> {
    if (orderNos.length === 0) return [];
    const rows = await this.db.read.$queryRawUnsafe<ExistingRow[]>(IMPORT_SQL.findExisting, JSON.stringify(orderNos));
    return rows.map(toExisting);
  }

  async openStaging(): Promise<ImportStaging> {
    return openImportStaging(this.db, this.options);
  }
}

/** options: how many orders one publishing step takes and how it pauses between steps (tests: no pause). */
export function createWorkOrderImportStore(db: Database, options: StagingOptions = {}): WorkOrderImportStore {
  return new SqliteImportStore(db, options);
}
