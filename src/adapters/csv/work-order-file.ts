import { openSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, ErrorCode, isAppError } from '../../errors.ts';
import { t, templateText } from '../../templates.ts';
import { parseUserYaml } from '../yaml/user-yaml.ts';
import type { SourceRow } from '../../domain/work-order/import-row.ts';
import type { ImportLabels } from '../../domain/work-order/validate-row.ts';
import { columnMappingFrom, type ColumnMapping, importLabelsOf, KANAZAWA_MAPPING } from './column-mapping.ts';
import { type CsvRecord, csvRecords } from './csv-parser.ts';
import type { TextEncoding } from './decode.ts';
import { detectEncoding, type FileOpener, textPieces } from './file-pieces.ts';
import { headerLayout, type MappedTable, sourceRow } from './map-columns.ts';

/** A bureau export on disk: its rows under field names, read from the file each time they are iterated. */
export interface WorkOrderSource extends Omit<MappedTable, 'rows'> {
  name: string; // file name without folders (audit trail, messages)
  encoding: TextEncoding;
  labels: ImportLabels;
  rows: Iterable<SourceRow>;
}

/** A bureau export read whole. */
export interface WorkOrderFile extends WorkOrderSource {
  rows: SourceRow[];
}

/**
 * Opens an export for streaming: the encoding and the header are checked now (a file that cannot be read, is
 * empty, in an unknown encoding or lacks a column is refused here); the rows are read piece by piece each time
 * `rows` is iterated, so memory does not grow with the file. A file that changes between two readings is refused.
 */
export function openWorkOrderFile(path: string, mapping: ColumnMapping = KANAZAWA_MAPPING): WorkOrderSource {
  const open = opener('import.fileUnreadable');
  const detected = detectEncoding(path, open);
  if (!detected.ok && detected.reason === 'empty') throw new AppError(ErrorCode.InvalidInput, t('import.fileEmpty', { file: path }));
  if (!detected.ok) throw new AppError(ErrorCode.EncodingUnknown, t('import.encodingUnknown', { file: path }));
  const { encoding } = detected;
  const stamp = stampOf(path);
  const [header] = records(path, encoding, open);
  const layout = headerLayout(header, mapping, path);
  const rows: Iterable<SourceRow> = {
    *[Symbol.iterator]() {
      if (stampOf(path) !== stamp) throw new AppError(ErrorCode.FileUnreadable, t('import.fileChanged', { file: path }));
      let first = true;
      for (const record of records(path, encoding, open)) {
        if (first) first = false;
        else yield sourceRow(record, layout);
      }
    },
  };
  return { name: basename(path), encoding, headers: mapping.columns, labels: importLabelsOf(mapping), rows };
}

/** The whole export in memory (small files, tests, the examples). */
export function readWorkOrderFile(path: string, mapping: ColumnMapping = KANAZAWA_MAPPING): WorkOrderFile {
  const source = openWorkOrderFile(path, mapping);
  return { ...source, rows: [...source.rows] };
}

/** The CSV records of the file, read piece by piece. */
function* records(path: string, encoding: TextEncoding, open: FileOpener): Generator<CsvRecord> {
  try {
    yield* csvRecords(textPieces(path, encoding, open));
  } catch (e) {
    throw isAppError(e) ? e : unreadable(path, e, 'import.fileUnreadable');
  }
}

function stampOf(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch (e) {
    throw unreadable(path, e, 'import.fileUnreadable');
  }
}

/** The mapping file (YAML or JSON) when one is given, else the Kanazawa layout. */
export function loadColumnMapping(path: string | undefined): ColumnMapping {
  if (!path) return KANAZAWA_MAPPING;
  const text = new TextDecoder().decode(readBytes(path, 'import.mapping.unreadable'));
  const yaml = parseUserYaml(text); // JSON is YAML too
  if (!yaml.ok) throw new AppError(ErrorCode.ConfigInvalid, t('import.mapping.invalid', { file: path, problems: yaml.problems.join('\n') }));
  return columnMappingFrom(yaml.value, path);
}

function readBytes(path: string, messageKey: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw unreadable(path, e, messageKey);
  }
}

function opener(messageKey: string): FileOpener {
  return (path) => {
    try {
      return openSync(path, 'r');
    } catch (e) {
      throw unreadable(path, e, messageKey);
    }
  };
}

function unreadable(path: string, e: unknown, messageKey: string): AppError {
  const code = (e as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  const reason = templateText(`import.ioReason.${code in IO_REASONS ? code : 'other'}`, { code });
  return new AppError(ErrorCode.FileUnreadable, templateText(messageKey, { file: path, reason }));
}

const IO_REASONS = { ENOENT: true, EACCES: true, EISDIR: true, EPERM: true };
