import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import type { AppContext } from '../../assembly/context.ts';
import { t } from '../../templates.ts';
import { backupsUsingKey, defaultBackupDir } from '../../adapters/db/backup.ts';
import { keyStatus, retireKey, rotateKeys, type KeyUse } from '../../adapters/db/key-rotation.ts';
import type { KeySource } from '../../adapters/crypto/keyring.ts';

/** `kaiheisen keys status | rotate | retire KEYID`: the data keys of personal fields (annex art. 11, 16). */
export function register(program: Command, deps: CliDeps): void {
  const keys = program.command('keys').description('個人情報の暗号鍵の状態表示・交換・廃止');
  keys
    .command('status')
    .description('鍵の一覧と、各鍵で暗号化されている項目の数')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await deps.context();
      const status = keyStatus(ctx.db);
      if (opts.json) {
        const { keys: used, unknownKeys, plaintext } = status;
        return deps.out(`${JSON.stringify({ source: status.keyring.source.kind, current: status.keyring.current.id, keys: used, unknownKeys, plaintext })}\n`);
      }
      const lines = [
        t('security.keys.statusHeader', { source: sourceText(status.keyring.source), keyId: status.keyring.current.id }),
        ...[...status.keys, ...status.unknownKeys].map(statusLine),
        t('security.keys.statusPlain', { count: status.plaintext }),
      ];
      deps.out(`${lines.join('\n')}\n`);
    });
  keys
    .command('rotate')
    .description('新しい鍵を作って現在の鍵にし、すべての個人情報を一つのトランザクションで暗号化し直す (ボット停止中を推奨)')
    .action(async () => {
      const ctx = await deps.context();
      const result = await rotateKeys(ctx.db, ctx.clock.now());
      await audit(ctx, 'keys.rotated', { from: result.oldKeyId, to: result.newKeyId, fields: result.fields });
      ctx.logger.info('data key rotated', { from: result.oldKeyId, to: result.newKeyId, fields: result.fields });
      const key = result.newKeyId === result.oldKeyId ? 'security.keys.reencrypted' : 'security.keys.rotated';
      deps.out(`${t(key, { keyId: result.newKeyId, oldKeyId: result.oldKeyId, fields: result.fields })}\n`);
    });
  keys
    .command('retire')
    .description('使われなくなった古い鍵をキーリングから外す')
    .argument('<keyId>', 'keys status に表示される鍵 ID')
    .option('--backups <dir>', 'この鍵のバックアップを探すフォルダ (既定: データベースと同じ場所の backups/)')
    .option('--force', 'この鍵のバックアップがあっても外す (それらは復元できなくなります)')
    .action(async (keyId: string, opts: { backups?: string; force?: boolean }) => {
      const ctx = await deps.context();
      const backupsDir = opts.backups ?? defaultBackupDir(ctx.db.path);
      const changed = retireKey(ctx.db, keyId, { backupsDir, backupsUsingKey: await backupsUsingKey(backupsDir, keyId), force: opts.force === true });
      await audit(ctx, 'keys.retired', { keyId, keyFileChanged: changed });
      deps.out(`${t(changed ? 'security.keys.retired' : 'security.keys.retiredEnv', { keyId })}\n`);
    });
}

function sourceText(source: KeySource): string {
  return source.kind === 'env' ? t('security.keys.sourceEnv') : t('security.keys.sourceFile', { path: source.path });
}

function statusLine(k: KeyUse): string {
  const current = k.current ? t('security.keys.statusCurrent') : '';
  return t('security.keys.statusLine', { keyId: k.id, current, createdAt: k.createdAt ?? '-', count: k.fields });
}

async function audit(ctx: AppContext, action: string, after: Record<string, unknown>): Promise<void> {
  await ctx.db.write((tx) =>
    tx.auditLog.create({ data: { at: ctx.clock.now(), actorId: null, channel: 'cli', action, entity: 'DataKey', entityId: null, after: JSON.stringify(after) } }),
  );
}
