import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { dataKeysOf, type KeyUse } from '../../assembly/services/database-files.ts';
import type { KeySource } from '../../adapters/crypto/keyring.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, requireOperator, type OperatorOptions } from '../operator.ts';

/** `kaiheisen keys status | rotate | retire KEYID`: the data keys of personal fields (annex art. 11, 16). */
export function register(program: Command, deps: CliDeps): void {
  const keys = program.command('keys').description('個人情報の暗号鍵の状態表示・交換・廃止');
  keys
    .command('status')
    .description('鍵の一覧と、各鍵で暗号化されている項目の数')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { json?: boolean } & OperatorOptions) => {
      const ctx = await deps.context();
      await requireOperator(deps, ctx, opts, 'manageKeys');
      const status = await dataKeysOf(ctx).status();
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
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: OperatorOptions) => {
      const ctx = await deps.context();
      await requireOperator(deps, ctx, opts, 'manageKeys');
      const result = await dataKeysOf(ctx).rotate();
      const key = result.newKeyId === result.oldKeyId ? 'security.keys.reencrypted' : 'security.keys.rotated';
      deps.out(`${t(key, { keyId: result.newKeyId, oldKeyId: result.oldKeyId, fields: result.fields })}\n`);
    });
  keys
    .command('retire')
    .description('使われなくなった古い鍵をキーリングから外す')
    .argument('<keyId>', 'keys status に表示される鍵 ID')
    .option('--backups <dir>', 'この鍵のバックアップを探すフォルダ (既定: データベースと同じ場所の backups/)')
    .option('--force', 'この鍵のバックアップがあっても外す (それらは復元できなくなります)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (keyId: string, opts: { backups?: string; force?: boolean } & OperatorOptions) => {
      const ctx = await deps.context();
      await requireOperator(deps, ctx, opts, 'manageKeys');
      const changed = await dataKeysOf(ctx).retire(keyId, { backupsDir: opts.backups, force: opts.force === true });
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
