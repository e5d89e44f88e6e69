import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

/**
 * Passwords of protected exports. The AES zip format fixes PBKDF2 at 1000 rounds, so the strength is
 * all in the password: a generated one has 28 characters from 32 (140 bits), lower case and digits
 * without look-alikes (0/o, 1/l) so that it can be read out over the phone, in groups of four.
 */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const GROUPS = 7;
const GROUP_LENGTH = 4;
export const MIN_PASSWORD_LENGTH = 16;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export function generateExportPassword(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return Array.from({ length: GROUPS }, (_, g) => chars.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH).join('')).join('-');
}

/** A password read from a file, and that file's permission bits as they were when it was read. */
export interface PasswordFromFile {
  password: string;
  mode: number;
  /** Readable or writable by the group or others (mode & 0o077): anyone else on the server may know the password. */
  exposed: boolean;
}

/**
 * A chosen password from the first line of `path`: at least 16 printable ASCII characters, since archivers
 * disagree on how they encode other characters in a zip password and a short one falls to guessing.
 */
export function readPasswordFile(path: string): PasswordFromFile {
  let text: string;
  let mode: number;
  try {
    const fd = openSync(path, 'r');
    try {
      mode = fstatSync(fd).mode & 0o777;
      text = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    throw new AppError(ErrorCode.FileUnreadable, t('protectedExport.passwordFileUnreadable', { file: path }));
  }
  const password = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (!PRINTABLE_ASCII.test(password)) throw new AppError(ErrorCode.InvalidInput, t('protectedExport.passwordNotAscii', { file: path }));
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(ErrorCode.InvalidInput, t('protectedExport.passwordTooShort', { file: path, length: password.length, min: MIN_PASSWORD_LENGTH }));
  }
  return { password, mode, exposed: (mode & 0o077) !== 0 };
}
