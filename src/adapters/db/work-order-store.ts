import type { ImportStaging, WorkOrderImportStore } from '../../application/import/ports.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { Database } from './database.ts';
import { type ExistingRow, IMPORT_SQL, toExisting } from './import-sql.ts';
import { createImportStaging, type StagingOptions } from './import-staging-store.ts';
import { numberedPlaceholders } from './placeholders.ts';

/**
 * The import store. Reads outside a transaction (--dry-run) go through Prisma. The writes run on a connection
 * of their own with plain statements (import-staging-store.ts, postgres/postgres-import-staging.ts): a year of
 * orders (60,000 rows) takes ~20 s and over 500 MB with Prisma's createMany (see bench/import.bench.ts).
 */
class DatabaseImportStore implements WorkOrderImportStore {
  private readonly findExistingSql: string;

  constructor(
    private readonly db: Database,
    private readonly options: StagingOptions,
  ) {
    const sql = IMPORT_SQL[db.dialect].findExisting;
    this.findExistingSql = db.dialect === 'postgres' ? numberedPlaceholders(sql) : sql;
  }

  async findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]> {
    if (orderNos.length === 0) return [];
    const rows = await this.db.read.$queryRawUnsafe<ExistingRow[]>(this.findExistingSql, JSON.stringify(orderNos));
    return rows.map(toExisting);
  }

  openStaging(): Promise<ImportStaging> {
    return createImportStaging(this.db, this.options);
  }
}

/** options: how many orders one publishing step takes and how it pauses between steps (tests: no pause). */
export function createWorkOrderImportStore(db: Database, options: StagingOptions = {}): WorkOrderImportStore {
  return new DatabaseImportStore(db, options);
}
