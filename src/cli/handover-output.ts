import { resolve } from 'node:path';
import type { HandoverOutput } from '../application/handover/ports.ts';
import { writeNewFolderAtomically } from '../adapters/export/atomic-files.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';
import { archivePathOf, type Protection } from './protected-output.ts';

/**
 * Where `kaiheisen export --out OUT` writes: by default one AES-256 zip OUT(.zip); with --plain a new or
 * empty folder OUT (0700, files 0600). Either appears complete or not at all.
 */
export function handoverOutputOf(out: string, protection: Protection, at: () => Date): HandoverOutput {
  return {
    async write(files) {
      if (protection.plain) {
        const dir = resolve(out);
        writeNewFolderAtomically(dir, files, () => new AppError(ErrorCode.Conflict, t('handover.cli.notEmpty', { dir })));
        return { location: dir, format: 'plain' };
      }
      const path = archivePathOf(out);
      protection.writeArchive(path, files, at());
      return { location: path, format: 'aes-zip' };
    },
  };
}
