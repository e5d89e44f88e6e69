import { verifyAuditChain, type ChainReport } from '../../adapters/db/audit-verify.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { sqliteOnly } from '../../adapters/db/sqlite/sqlite-database.ts';
import { t } from '../../templates.ts';
import type { AppContext } from '../context.ts';

export { describeChainProblem, type ChainReport } from '../../adapters/db/audit-verify.ts';

/** The audit trail's hash chain (`kaiheisen audit verify`, the warning on `kaiheisen audit`). */
export function auditChainOf(ctx: AppContext) {
  return {
    verify(anchor?: string): ChainReport {
      if (!ctx.db.cipher) throw new AppError(ErrorCode.ConfigInvalid, t('auditChain.verify.noKey'));
      return verifyAuditChain(sqliteOnly(ctx.db, 'この処理').path, ctx.db.auditSealer, anchor);
    },
  };
}
