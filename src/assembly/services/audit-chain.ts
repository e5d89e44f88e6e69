import { verifyAuditChain, type ChainReport } from '../../adapters/db/audit-verify.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { AppContext } from '../context.ts';

export { describeChainProblem, type ChainReport } from '../../adapters/db/audit-verify.ts';

/** The audit trail's hash chain (`kaiheisen audit verify`, the warning on `kaiheisen audit`). */
export function auditChainOf(ctx: AppContext) {
  return {
    async verify(anchor?: string): Promise<ChainReport> {
      if (!ctx.db.cipher) throw new AppError(ErrorCode.ConfigInvalid, t('auditChain.verify.noKey'));
      return verifyAuditChain(ctx.db, ctx.db.auditSealer, anchor);
    },
  };
}
