-- AuditLog is append-only (security annex art. 21-2, 22-4): the PostgreSQL form of
-- prisma/migrations/20261125000001_audit_append_only (same rules, same messages). `npm run db:regen` rewrites only
-- the init migration. The one way to delete audit rows is `kaiheisen purge`: inside its transaction it sets
-- AuditPurgeGate.before to the retention cut-off, deletes rows with at < before, and clears it again.
-- TRUNCATE bypasses row triggers, so a statement trigger refuses it on every audit table.
-- The file is applied as one query: function bodies are $$-quoted and hold semicolons.

INSERT INTO "AuditPurgeGate" ("id", "before") VALUES (1, NULL) ON CONFLICT DO NOTHING;

CREATE FUNCTION "AuditLog_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: entries cannot be changed';
END;
$$;

CREATE TRIGGER "AuditLog_append_only_update"
BEFORE UPDATE ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "AuditLog_refuse_update"();

CREATE FUNCTION "AuditLog_delete_gate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "AuditPurgeGate" g WHERE g."id" = 1 AND g."before" IS NOT NULL AND OLD."at" < g."before"
  ) THEN
    RAISE EXCEPTION 'AuditLog is append-only: entries are removed only by kaiheisen purge, older than its cut-off';
  END IF;
  RETURN OLD;
END;
$$;

CREATE TRIGGER "AuditLog_append_only_delete"
BEFORE DELETE ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "AuditLog_delete_gate"();

CREATE FUNCTION "Audit_refuse_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% cannot be truncated: the audit trail is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER "AuditLog_no_truncate"
BEFORE TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "Audit_refuse_truncate"();

CREATE TRIGGER "AuditPurgeGate_no_truncate"
BEFORE TRUNCATE ON "AuditPurgeGate"
FOR EACH STATEMENT EXECUTE FUNCTION "Audit_refuse_truncate"();

CREATE TRIGGER "AuditChainStart_no_truncate"
BEFORE TRUNCATE ON "AuditChainStart"
FOR EACH STATEMENT EXECUTE FUNCTION "Audit_refuse_truncate"();

CREATE TRIGGER "AuditChainHead_no_truncate"
BEFORE TRUNCATE ON "AuditChainHead"
FOR EACH STATEMENT EXECUTE FUNCTION "Audit_refuse_truncate"();

CREATE FUNCTION "Audit_single_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."id" <> 1 THEN
    RAISE EXCEPTION '% has exactly one row (id 1)', TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditPurgeGate_single_row"
BEFORE INSERT ON "AuditPurgeGate"
FOR EACH ROW EXECUTE FUNCTION "Audit_single_row"();

CREATE FUNCTION "AuditPurgeGate_refuse_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditPurgeGate row cannot be deleted';
END;
$$;

CREATE TRIGGER "AuditPurgeGate_kept"
BEFORE DELETE ON "AuditPurgeGate"
FOR EACH ROW EXECUTE FUNCTION "AuditPurgeGate_refuse_delete"();

-- The chain start a purge records and the chain head (audit-chain.ts): one row each, sealed; `kaiheisen audit
-- verify` checks these triggers against this file, so a dropped or altered one is reported even when no row changed.
CREATE TRIGGER "AuditChainStart_single_row"
BEFORE INSERT ON "AuditChainStart"
FOR EACH ROW EXECUTE FUNCTION "Audit_single_row"();

CREATE TRIGGER "AuditChainHead_single_row"
BEFORE INSERT ON "AuditChainHead"
FOR EACH ROW EXECUTE FUNCTION "Audit_single_row"();
