-- AuditLog is append-only (security annex art. 21-2, 22-4). Prisma cannot express triggers, so they
-- live in this second migration; `npm run db:regen` rewrites only the init one.
-- The one way to delete audit rows is `kaiheisen purge`: inside its transaction it sets
-- AuditPurgeGate.before to the retention cut-off, deletes rows with at < before, and clears it again.
-- DateTime values are ISO 8601 text (as Prisma's SQLite adapter writes them): they compare as text.

INSERT OR IGNORE INTO "AuditPurgeGate" ("id", "before") VALUES (1, NULL);

CREATE TRIGGER "AuditLog_append_only_update"
BEFORE UPDATE ON "AuditLog"
BEGIN
  SELECT RAISE(ABORT, 'AuditLog is append-only: entries cannot be changed');
END;

CREATE TRIGGER "AuditLog_append_only_delete"
BEFORE DELETE ON "AuditLog"
WHEN NOT EXISTS (
  SELECT 1 FROM "AuditPurgeGate" g WHERE g."id" = 1 AND g."before" IS NOT NULL AND OLD."at" < g."before"
)
BEGIN
  SELECT RAISE(ABORT, 'AuditLog is append-only: entries are removed only by kaiheisen purge, older than its cut-off');
END;

CREATE TRIGGER "AuditPurgeGate_single_row"
BEFORE INSERT ON "AuditPurgeGate"
WHEN NEW."id" <> 1
BEGIN
  SELECT RAISE(ABORT, 'AuditPurgeGate has exactly one row (id 1)');
END;

CREATE TRIGGER "AuditPurgeGate_kept"
BEFORE DELETE ON "AuditPurgeGate"
BEGIN
  SELECT RAISE(ABORT, 'AuditPurgeGate row cannot be deleted');
END;

-- The chain start a purge records (audit-chain.ts): one row, sealed; `kaiheisen audit verify` checks these
-- triggers against this file, so a dropped or altered one is reported even when no row changed.
CREATE TRIGGER "AuditChainStart_single_row"
BEFORE INSERT ON "AuditChainStart"
WHEN NEW."id" <> 1
BEGIN
  SELECT RAISE(ABORT, 'AuditChainStart has exactly one row (id 1)');
END;

CREATE TRIGGER "AuditChainHead_single_row"
BEFORE INSERT ON "AuditChainHead"
WHEN NEW."id" <> 1
BEGIN
  SELECT RAISE(ABORT, 'AuditChainHead has exactly one row (id 1)');
END;
