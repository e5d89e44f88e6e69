import { basename, resolve } from 'node:path';
import type { CliDeps } from './index.ts';
import { t } from '../templates.ts';
import { aesZip } from '../adapters/crypto/aes-zip.ts';
import { generateExportPassword, readPasswordFile } from '../adapters/crypto/export-password.ts';
import { writeNewFileAtomically } from '../adapters/export/atomic-files.ts';
import { checkReportTargets, writeReportFile } from '../adapters/export/report-target.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { ProtectionOptions } from './protection-options.ts';

export { withProtectionOptions, type ProtectionOptions } from './protection-options.ts';

/** How one run protects its files. The password stays in this closure: never returned, logged or stored. */
export interface Protection {
  readonly plain: boolean;
  /** Writes the files as one AES-256 zip at `path` (new file, 0600, temp + link). */
  writeArchive(path: string, files: Record<string, Uint8Array | string>, at: Date): void;
  /** The files as one AES-256 zip, for a caller that writes it itself. */
  archive(files: Record<string, Uint8Array | string>, at: Date): Uint8Array;
  /** Shows the password on the operator's terminal (stderr) with how to pass it on, once the file is written. */
  announce(path: string): void;
}

/** `FILE.zip` for `--out FILE` or `--out FILE.zip`, as an absolute path. */
export function archivePathOf(out: string): string {
  const path = resolve(out);
  return path.toLowerCase().endsWith('.zip') ? path : `${path}.zip`;
}

/** Whose personal data the file holds, for the --plain warning's wording. */
export type PlainData = 'customers' | 'staff' | 'staffPhotos';

const PLAIN_WARNING = {
  customers: 'protectedExport.plainWarning',
  staff: 'protectedExport.plainWarningStaff',
  staffPhotos: 'protectedExport.plainWarningStaffPhotos',
} as const;

/**
 * How this run protects its files; call it once the operator's role is checked, so that its warnings are only for a
 * command that runs. Refuses --plain with --password-file, and a generated password that would be printed where no
 * person reads it (stderr a file or a pipe, e.g. a cron log) unless --print-password says so. Warns about --plain,
 * and about a password file that others may read.
 */
export function protectionOf(opts: ProtectionOptions, deps: Pick<CliDeps, 'err' | 'errIsTerminal'>, holds: PlainData = 'customers'): Protection {
  if (opts.plain && opts.passwordFile) throw new AppError(ErrorCode.InvalidInput, t('protectedExport.plainWithPassword'));
  const chosen = opts.passwordFile && !opts.plain ? readPasswordFile(opts.passwordFile) : undefined;
  if (!opts.plain && !chosen && deps.errIsTerminal !== true && opts.printPassword !== true) {
    throw new AppError(ErrorCode.InvalidInput, t('protectedExport.noTerminal'));
  }
  if (opts.plain) deps.err(`${t(PLAIN_WARNING[holds])}\n`);
  if (chosen?.exposed) deps.err(`${t('protectedExport.passwordFileExposed', { file: opts.passwordFile ?? '', mode: chosen.mode.toString(8).padStart(4, '0') })}\n`);
  const password = chosen?.password ?? generateExportPassword();
  const archive = (files: Record<string, Uint8Array | string>, at: Date) =>
    aesZip(Object.entries(files).map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data })), password, at);
  return {
    plain: opts.plain === true,
    writeArchive(path, files, at) {
      writeNewFileAtomically(path, archive(files, at));
    },
    archive,
    announce(path) {
      const lines = chosen
        ? [t('protectedExport.passwordFromFile', { file: path, passwordFile: opts.passwordFile ?? '' })]
        : [t(deps.errIsTerminal === true ? 'protectedExport.passwordHeader' : 'protectedExport.passwordHeaderPrinted', { file: path }), '', `    ${password}`, '', t('protectedExport.passwordHandOver')];
      deps.err(`${[...lines, t('protectedExport.howToOpen')].join('\n')}\n`);
    },
  };
}

/** Where a protected report goes: `out` with --plain, else `out.zip`. */
export function protectedPathOf(out: string, protection: Pick<Protection, 'plain'>): string {
  return protection.plain ? resolve(out) : archivePathOf(out);
}

/** Refuses a missing folder or an existing file (unless --force) before any work is done. */
export function checkProtectedTarget(out: string, protection: Pick<Protection, 'plain'>, force: boolean | undefined): void {
  checkReportTargets([protectedPathOf(out, protection)], force === true);
}

/**
 * One document with personal data (e.g. a PDF with phone numbers) at `out`: by default inside an AES zip
 * `out.zip` (the entry keeps the file's own name), with --plain as it is. An existing file is replaced only with
 * `force`; a missing folder is never created. `bytes` is the size of the file written.
 */
export function writeProtectedFile(out: string, pdf: Uint8Array, protection: Protection, at: Date, force = false): { path: string; format: 'aes-zip' | 'plain'; bytes: number } {
  const path = protectedPathOf(out, protection);
  if (protection.plain) return { path, format: 'plain', bytes: writeReportFile(path, pdf, force) };
  const zip = protection.archive({ [basename(resolve(out)).replace(/\.zip$/i, '')]: pdf }, at);
  return { path, format: 'aes-zip', bytes: writeReportFile(path, zip, force) };
}
