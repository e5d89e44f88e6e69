import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The database tests on PostgreSQL (scripts/test-all.mjs sets KAIHEISEN_TEST_DIALECT=postgres and the server URL):
 * every test here gets its databases from test/support/temp-db.ts, which then creates them on that server. Tests
 * that look inside the SQLite file itself (its bytes, its modes, its lock) stay SQLite-only.
 */
export const POSTGRES_TESTS = [
  'test/integration/db/**/*.test.ts',
  'test/integration/chat/inbox.test.ts',
  'test/integration/chat/outbox.test.ts',
  'test/integration/import.test.ts',
  'test/integration/import-steps.test.ts',
  'test/integration/import-alone.test.ts',
  'test/integration/import-changes.test.ts',
  'test/integration/import-encryption.test.ts',
  'test/integration/import-property.test.ts',
  'test/integration/import-large.test.ts',
  'test/integration/assignment/plan-outside-lock.test.ts',
  'test/integration/security/purge.test.ts',
  'test/integration/security/backup.test.ts',
  'test/integration/security/backup-roundtrip.test.ts',
  'test/integration/startup/examples-once.test.ts',
  'test/integration/instances/**/*.test.ts',
  'test/integration/access/cli-operator.test.ts',
  'test/integration/access/role-grants.test.ts',
  'test/integration/chat/outbox-order.test.ts',
  'test/integration/durable-timers.test.ts',
  'test/integration/day-end/day-end-answers.test.ts',
  'test/integration/daily-jobs.test.ts',
  'test/integration/faults/dead-claims.test.ts',
  'test/integration/chat/form-conversation.test.ts',
  'test/integration/security/audit-verify.test.ts',
  'test/integration/security/audit-head-witness.test.ts',
  'test/integration/security/keys-shared.test.ts',
  'test/integration/security/keys-with-backups.test.ts',
  'test/integration/security/key-sample.test.ts',
  'test/integration/security/field-encryption.test.ts',
  'test/integration/reports/daily-report.test.ts',
  'test/integration/reports/monthly-report.test.ts',
  'test/integration/reports/monthly-table1.test.ts',
  'test/integration/reports/report-jobs.test.ts',
  'test/integration/reports/staffing-report.test.ts',
  'test/integration/reports/kana-masking.test.ts',
  'test/integration/reports/contractor-documents.test.ts',
  'test/integration/reports/invoice-job.test.ts',
  'test/scenarios/whole-day.test.ts',
  'test/scenarios/simulate-same-database.test.ts',
  'test/integration/day-end/console-day.test.ts',
  'test/integration/day-end/approval-reminder.test.ts',
  'test/integration/escalation/console-bot.test.ts',
  'test/integration/complaints/paging.test.ts',
  'test/integration/complaints/paging-edges.test.ts',
  'test/integration/day-end/overtime-day.test.ts',
  'test/integration/complaints/chat-routes.test.ts',
  // issue 16: the terminal case (端末 紛失) and the security annex documents.
  'test/integration/escalation/terminal-cases.test.ts',
  'test/integration/reports/annex-documents.test.ts',
  // Issue 16 (H3): annual table, contact chart, ID card request with photos.
  'test/integration/bureau-documents/**/*.test.ts',
  'test/integration/consumables/**/*.test.ts',
  // Issue 12: orders dated on a closed day (the stranded carry-over, the import's note).
  'test/integration/day-end/closed-day-orders.test.ts',
  'test/integration/import-closed-days.test.ts',
];

export default defineConfig({ ...base, test: { ...base.test, include: POSTGRES_TESTS } });
