import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { dataKeysOf, type KeyUse } from '../../assembly/services/database-files.ts';
import type { KeySource } from '../../adapters/crypto/keyring.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

export async function keysStatus(deps: CliDeps, opts: { json?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'manageKeys');
  const status = await dataKeysOf(ctx, operator).status();
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
}

export async function keysRotate(deps: CliDeps, opts: OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'manageKeys');
  const result = await dataKeysOf(ctx, operator).rotate();
  const key = result.newKeyId === result.oldKeyId ? 'security.keys.reencrypted' : 'security.keys.rotated';
  deps.out(`${t(key, { keyId: result.newKeyId, oldKeyId: result.oldKeyId, fields: result.fields })}\n`);
}

export async function keysRetire(deps: CliDeps, keyId: string, opts: { backups?: string; force?: boolean } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const operator = await requireOperator(deps, ctx, opts, 'manageKeys');
  const changed = await dataKeysOf(ctx, operator).retire(keyId, { backupsDir: opts.backups, force: opts.force === true });
  deps.out(`${t(changed ? 'security.keys.retired' : 'security.keys.retiredEnv', { keyId })}\n`);
}

function sourceText(source: KeySource): string {
  return source.kind === 'env' ? t('security.keys.sourceEnv') : t('security.keys.sourceFile', { path: source.path });
}

function statusLine(k: KeyUse): string {
  const current = k.current ? t('security.keys.statusCurrent') : '';
  return t('security.keys.statusLine', { keyId: k.id, current, createdAt: k.createdAt ?? '-', count: k.fields });
}
