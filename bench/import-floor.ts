// The floor of bench/import.bench.ts, run as a child process of its own: the least any encrypted import of the file
// does. It reads the file whole, decodes it (CP932), splits the CSV, and for each row encrypts the same personal
// fields with the same FieldCipher (AES-256-GCM, the same IVs drawn in bulk, the same key objects), computes the
// same blind indexes (HMAC) and the content hash (SHA-256), then inserts all rows with one prepared better-sqlite3
// statement in ONE transaction into a fresh database file of the same schema. No validation, no staging, no steps,
// no pauses for another process, no audit trail. Prints one JSON line: seconds, CPU seconds, peak RSS.
//   node --import tsx bench/import-floor.ts FILE DB
import { readFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';
import iconv from 'iconv-lite';
import { KANAZAWA_MAPPING } from '../src/adapters/csv/column-mapping.ts';
import { parseCsv } from '../src/adapters/csv/csv-parser.ts';
import { sha256Hex } from '../src/adapters/crypto/content-hash.ts';
import { BLIND_INDEXES, blindIndexOf, ENCRYPTED_FIELDS } from '../src/adapters/db/field-encryption.ts';
import { prepareDatabaseFile } from '../src/adapters/db/sqlite/sqlite-database.ts';
import { IMPORT_FIELDS } from '../src/domain/work-order/import-row.ts';
import { testCipher } from '../test/support/test-cipher.ts';

const [file, dbPath] = process.argv.slice(2);
if (!file || !dbPath) throw new Error('usage: node --import tsx bench/import-floor.ts FILE DB');
try {
  setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL); // as `kaiheisen import` runs (bin/kaiheisen.mjs)
} catch {
  // not allowed here: both run at normal priority then
}

const cipher = testCipher(); // the key bench/import.bench.ts gives the import as KAIHEISEN_DATA_KEY
const encrypted = new Set(ENCRYPTED_FIELDS.WorkOrder);
const indexes = Object.entries(BLIND_INDEXES.WorkOrder ?? {});
const COLUMNS = [...IMPORT_FIELDS, ...indexes.map(([, column]) => column), 'town', 'contentHash', 'status', 'importedAt', 'updatedAt'];

prepareDatabaseFile(dbPath);
const db = new BetterSqlite3(dbPath);
db.pragma('synchronous = NORMAL');
const insert = db.prepare(`INSERT INTO "WorkOrder" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);

const started = performance.now();
const cpu = process.cpuUsage();
const [header, ...records] = parseCsv(iconv.decode(readFileSync(file), 'cp932'));
const at = new Date().toISOString();
const columnOf = IMPORT_FIELDS.map((f) => header!.cells.indexOf(KANAZAWA_MAPPING.columns[f] ?? ''));
db.transaction(() => {
  for (const { cells } of records) {
    const plain = columnOf.map((i) => cells[i] ?? '');
    const values: unknown[] = plain.map((v, i) => (encrypted.has(IMPORT_FIELDS[i]!) ? cipher.encrypt(v) : v));
    for (const [field] of indexes) values.push(blindIndexOf(cipher, 'WorkOrder', field, plain[IMPORT_FIELDS.indexOf(field as never)]!));
    values.push('', sha256Hex(plain.join('\u0000')), 'open', at, at);
    insert.run(values);
  }
})();
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
db.close();
console.log(JSON.stringify({ rows: records.length, seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
