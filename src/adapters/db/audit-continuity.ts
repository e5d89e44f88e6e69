import { tokyoTimestamp } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';

/**
 * Evidence of rows cut from the end of the audit trail that the chain alone cannot give on SQLite (audit-verify.ts).
 * Someone who deletes the newest rows and puts back an older sealed AuditChainHead (copied from an earlier copy of the
 * file) leaves a chain that links and a head that matches. But on SQLite the ids are AUTOINCREMENT values taken
 * explicitly (audit-chain.ts headOf): a rolled-back write undoes its sqlite_sequence update with its rows, so
 *   - the counter ahead of the last row means rows were written and later deleted (a cut tail), and
 *   - two consecutive rows whose ids are not consecutive mean rows in between were deleted (a cut tail written over).
 * A purge removes only the oldest rows, before the first remaining one, which neither check looks at.
 * Not evidence on PostgreSQL: setval is not undone by a rollback, so ids may gap there.
 * What this cannot see: the counter put back too (UPDATE sqlite_sequence), or the whole file replaced by an older
 * copy. Only a witness outside the file tells then: the anchor on the daily report (README, The audit chain).
 */
export type IdProblem =
  | { kind: 'idGap'; id: number; at: Date; missingFrom: number; missingTo: number }
  | { kind: 'tailCut'; lastId: number; counter: number };

/** Rows missing between the row before (previousId) and this one; null for the first row or consecutive ids. */
export function idGap(previousId: number | undefined, id: number, at: Date): IdProblem | null {
  if (previousId === undefined || id === previousId + 1) return null;
  return { kind: 'idGap', id, at, missingFrom: previousId + 1, missingTo: id - 1 };
}

/** Ids taken after the last row (sqlite_sequence ahead of it): rows written and deleted since. */
export function tailCut(lastId: number, counter: number): IdProblem | null {
  return counter > lastId ? { kind: 'tailCut', lastId, counter } : null;
}

const range = (from: number, to: number) => (from === to ? String(from) : `${from}〜${to}`);

export function describeIdProblem(problem: IdProblem): string {
  if (problem.kind === 'tailCut') {
    return t('auditChain.fault.tailCut', { lastId: problem.lastId, missing: range(problem.lastId + 1, problem.counter) });
  }
  const row = t('auditChain.verify.rowAt', { id: problem.id, at: tokyoTimestamp(problem.at) });
  return t('auditChain.fault.idGap', { row, missing: range(problem.missingFrom, problem.missingTo) });
}
