// Writes a large synthetic export in the bureau's layout (the columns of ../shared/samples/), for memory and
// load measurements: `npx tsx bench/write-import-file.ts OUT.csv [MB] [cp932|utf-8]` (default 40 MB, CP932, CRLF).
// The rows are those of bench/import-data.ts (a year of 別表1 volumes, the rest as その他); the file is written as it
// is generated, so the generator itself needs little memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import iconv from 'iconv-lite';
import { workOrderLines } from './import-data.ts';

export type FileEncoding = 'cp932' | 'utf-8';

const encode = (text: string, encoding: FileEncoding): Buffer =>
  encoding === 'cp932' ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');

/** How many rows make about `bytes` bytes: the average row of a sample of the same generator. */
function rowsFor(bytes: number, encoding: FileEncoding): number {
  const sample = 2_000;
  let size = 0;
  let n = 0;
  for (const line of workOrderLines(sample)) {
    if (n++ > 0) size += encode(`${line}\r\n`, encoding).length;
    if (n > sample) break;
  }
  return Math.max(1, Math.round(bytes / (size / sample)));
}

/** Writes the file (at least the 57,106 rows of a 別表1 year); returns its size in bytes and its number of data rows. */
export function writeImportFile(path: string, megabytes: number, encoding: FileEncoding = 'cp932'): { bytes: number; rows: number } {
  return writeImportRows(path, rowsFor(megabytes * 1e6, encoding), encoding);
}

/** Writes a file of exactly `rows` data rows (the first months of the generated years) as it is generated. */
export function writeImportRows(path: string, rows: number, encoding: FileEncoding = 'cp932'): { bytes: number; rows: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let written = -1; // the header is no row
  let block: string[] = [];
  const flush = () => {
    const data = encode(block.join(''), encoding);
    writeSync(fd, data);
    bytes += data.length;
    block = [];
  };
  try {
    if (encoding === 'utf-8') block.push('\uFEFF'); // the bureau's UTF-8 exports carry a BOM (examples/)
    for (const line of workOrderLines(rows)) {
      if (written === rows) break;
      block.push(`${line}\r\n`);
      written++;
      if (block.length >= 5_000) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { bytes, rows: written };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, mb, encoding] = process.argv.slice(2);
  if (!out) {
    console.error('usage: npx tsx bench/write-import-file.ts OUT.csv [MB] [cp932|utf-8]');
    process.exit(2);
  }
  const written = writeImportFile(out, Number(mb ?? 40), encoding === 'utf-8' ? 'utf-8' : 'cp932');
  console.log(JSON.stringify({ file: out, megabytes: Math.round(written.bytes / 1e5) / 10, rows: written.rows }));
}
