/** Error codes shared by every layer; adapters turn them into a Japanese message or an exit code. */
export enum ErrorCode {
  ConfigInvalid = 'CONFIG.INVALID',
  FileUnreadable = 'FILE.UNREADABLE',
  EncodingUnknown = 'FILE.ENCODING_UNKNOWN',
  ColumnMissing = 'IMPORT.COLUMN_MISSING',
  StaffFileInvalid = 'STAFF.FILE_INVALID',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  InvalidInput = 'INPUT.INVALID',
  Conflict = 'CONFLICT',
  DatabaseBusy = 'DB.BUSY',
  /** A write did not commit (disk full, read-only file): the caller answers with an error so it is retried. */
  DatabaseUnwritable = 'DB.UNWRITABLE',
  /** This instance lacks the data key the database says is current (another rotated it): nothing may be written here. */
  KeyUnavailable = 'KEY.UNAVAILABLE',
  /** The person stopped the command (Ctrl+C at a prompt): nothing was written; the CLI exits 130 like a SIGINT. */
  Interrupted = 'INTERRUPTED',
  Internal = 'INTERNAL',
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Wraps anything unknown at the edge so callers always see a coded error. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AppError(ErrorCode.Internal, message);
}
