import { basename, resolve } from 'node:path';
import type { CliDeps } from './index.ts';
import { t } from '../templates.ts';
import { aesZip } from '../adapters/crypto/aes-zip.ts';
import { generateExportPassword, readPasswordFile } from '../adapters/crypto/export-password.ts';
import { writeNewFileAtomically } from '../adapters/export/atomic-files.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { ProtectionOptions } from './protection-options.ts';

export { withProtectionOptions, type ProtectionOptions } from './protection-options.ts';

/** How one run protects its files. The password stays in this closure: never returned, logged or stored. */
export interface Protection {
  readonly plain: boolean;
  /** Writes the files as one AES-256 zip at `path` (new file, 0600, temp + link). */
  writeArchive(path: string, files: Record<string, Uint8Array | string>, at: Date): void;
  /** Shows the password on the operator's terminal (stderr) with how to pass it on, once the file is written. */
  announce(path: string): void;
}

/** `FILE.zip` for `--out FILE` or `--out FILE.zip`, as an absolute path. */
export function archivePathOf(out: string): string {
  const path = resolve(out);
  return path.toLowerCase().endsWith('.zip') ? path : `${path}.zip`;
}

/** Checks the options before anything is read or written; --plain is warned about on stderr. */
export function protectionOf(opts: ProtectionOptions, deps: Pick<CliDeps, 'err'>): Protection {
  if (opts.plain && opts.passwordFile) throw new AppError(ErrorCode.InvalidInput, t('protectedExport.plainWithPassword'));
  if (opts.plain) deps.err(`${t('protectedExport.plainWarning')}\n`);
  const chosen = opts.passwordFile ? readPasswordFile(opts.passwordFile) : undefined;
  const password = chosen ?? generateExportPassword();
  return {
    plain: opts.plain === true,
    writeArchive(path, files, at) {
      const entries = Object.entries(files).map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data }));
      writeNewFileAtomically(path, aesZip(entries, password, at));
    },
    announce(path) {
      const lines = chosen
        ? [t('protectedExport.passwordFromFile', { file: path, passwordFile: opts.passwordFile ?? '' })]
        : [t('protectedExport.passwordHeader', { file: path }), '', `    ${password}`, '', t('protectedExport.passwordHandOver')];
      deps.err(`${[...lines, t('protectedExport.howToOpen')].join('\n')}\n`);
    },
  };
}

/**
 * One document with personal data (e.g. a PDF with phone numbers) at `out`: by default inside an AES zip
 * `out.zip` (the entry keeps the file's own name), with --plain as it is. Never replaces an existing file.
 */
export function writeProtectedFile(out: string, bytes: Uint8Array, protection: Protection, at: Date): { path: string; format: 'aes-zip' | 'plain' } {
  if (protection.plain) {
    const path = resolve(out);
    writeNewFileAtomically(path, bytes);
    return { path, format: 'plain' };
  }
  const path = archivePathOf(out);
  protection.writeArchive(path, { [basename(resolve(out)).replace(/\.zip$/i, '')]: bytes }, at);
  return { path, format: 'aes-zip' };
}
