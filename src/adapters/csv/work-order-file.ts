import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { ImportLabels } from '../../domain/work-order/validate-row.ts';
import { columnMappingFrom, type ColumnMapping, importLabelsOf, KANAZAWA_MAPPING } from './column-mapping.ts';
import { parseCsv } from './csv-parser.ts';
import { decodeText, type TextEncoding } from './decode.ts';
import { mapColumns, type MappedTable } from './map-columns.ts';

/** A bureau export read from disk: its rows under field names, ready for the import use case. */
export interface WorkOrderFile extends MappedTable {
  name: string; // file name without folders (audit trail, messages)
  encoding: TextEncoding;
  labels: ImportLabels;
}

export function readWorkOrderFile(path: string, mapping: ColumnMapping = KANAZAWA_MAPPING): WorkOrderFile {
  const decoded = decodeText(readBytes(path, 'import.fileUnreadable'));
  if (!decoded.ok && decoded.reason === 'empty') throw new AppError(ErrorCode.InvalidInput, t('import.fileEmpty', { file: path }));
  if (!decoded.ok) throw new AppError(ErrorCode.EncodingUnknown, t('import.encodingUnknown', { file: path }));
  const table = mapColumns(parseCsv(decoded.text), mapping, path);
  return { ...table, name: basename(path), encoding: decoded.encoding, labels: importLabelsOf(mapping) };
}

/** The mapping file (YAML or JSON) when one is given, else the Kanazawa layout. */
export function loadColumnMapping(path: string | undefined): ColumnMapping {
  if (!path) return KANAZAWA_MAPPING;
  const text = new TextDecoder().decode(readBytes(path, 'import.mapping.unreadable'));
  let doc: unknown;
  try {
    doc = parseYaml(text); // JSON is YAML too
  } catch (e) {
    throw new AppError(ErrorCode.ConfigInvalid, t('import.mapping.invalid', { file: path, problems: (e as Error).message }));
  }
  return columnMappingFrom(doc, path);
}

function readBytes(path: string, messageKey: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    const reason = t(`import.ioReason.${code in IO_REASONS ? code : 'other'}`, { code });
    throw new AppError(ErrorCode.FileUnreadable, t(messageKey, { file: path, reason }));
  }
}

const IO_REASONS = { ENOENT: true, EACCES: true, EISDIR: true, EPERM: true };
