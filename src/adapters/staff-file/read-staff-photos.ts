import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { StaffPhoto } from '../../application/staffing/person-photos.ts';
import type { StaffDirectory } from '../../domain/staffing/staff-directory.ts';
import { formatIssuePath } from '../../domain/staffing/staff-issue.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { imageMimeOf, imageSizeOf } from './image-info.ts';

/** A photo for a 3 × 2.4 cm card needs far less; a camera's full-size picture is refused with a hint to shrink it. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/**
 * Reads the `photo:` files of a staff file (paths relative to it): each must exist, be a JPEG or PNG by its bytes, be
 * at most MAX_PHOTO_BYTES and have a readable size. Every problem is reported at once, before anything is written.
 */
export function readStaffPhotos(directory: StaffDirectory, staffFile: string): StaffPhoto[] {
  const base = dirname(resolve(staffFile));
  const problems: string[] = [];
  const photos: StaffPhoto[] = [];
  for (const ref of directory.photos ?? []) {
    const key = formatIssuePath(['people', ref.index, 'photo']);
    const read = readPhoto(resolve(base, ref.file), { key, file: ref.file });
    if (typeof read === 'string') problems.push(read);
    else photos.push({ personId: ref.personId, ...read });
  }
  if (problems.length > 0) throw new AppError(ErrorCode.StaffFileInvalid, [t('bureauDocs.photo.problems', { count: problems.length }), ...problems].join('\n'));
  return photos;
}

/** The photo, or the message saying what is wrong with it. */
function readPhoto(path: string, where: { key: string; file: string }): Omit<StaffPhoto, 'personId'> | string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return t('bureauDocs.photo.notFile', where);
    size = stat.size;
  } catch (e) {
    return t('bureauDocs.photo.missing', { ...where, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  if (size > MAX_PHOTO_BYTES) return t('bureauDocs.photo.tooLarge', { ...where, size, max: MAX_PHOTO_BYTES });
  const bytes = new Uint8Array(readFileSync(path));
  const mime = imageMimeOf(bytes);
  if (!mime) return t('bureauDocs.photo.notImage', where);
  const dimensions = imageSizeOf(bytes, mime);
  if (!dimensions) return t('bureauDocs.photo.unreadable', where);
  return { mime, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), ...dimensions };
}
