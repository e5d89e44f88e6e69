import { readFile } from 'node:fs/promises';
import { isMap, type Document, type LineCounter } from 'yaml';
import { describeIssue } from '../../application/staffing/describe-issues.ts';
import { validateStaffDirectory, type StaffDirectory } from '../../domain/staffing/staff-directory.ts';
import { formatIssuePath } from '../../domain/staffing/staff-issue.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { parseUserYaml } from '../yaml/user-yaml.ts';
import { japaneseZodErrors } from './japanese-zod-errors.ts';
import { staffFileSchemaFor, type StaffFilePlatforms } from './staff-file-schema.ts';
import { toStaffDirectory } from './to-staff-directory.ts';

type Path = (string | number)[];

/**
 * Reads and checks a staff file; every problem found is reported at once, with its path and line. `platforms`: the
 * registry's (src/assembly/platforms/registry.ts), whose ids and id formats the people's chat ids are checked by.
 */
export async function readStaffFile(path: string, platforms: StaffFilePlatforms): Promise<StaffDirectory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new AppError(ErrorCode.FileUnreadable, t('staff.file.unreadable', { path, detail }));
  }
  return parseStaffFile(text, platforms, path);
}

/** `path` names the file in the message when the text is not YAML. */
export function parseStaffFile(text: string, platforms: StaffFilePlatforms, path = '-'): StaffDirectory {
  const yaml = parseUserYaml(text);
  if (!yaml.ok) throw new AppError(ErrorCode.StaffFileInvalid, [t('staff.file.notYaml', { path }), ...yaml.problems].join('\n'));
  const { doc, lineCounter } = yaml;
  if (!isMap(doc.contents)) fail([t('staff.file.notMapping')]);
  const parsed = staffFileSchemaFor(platforms).safeParse(yaml.value, { error: japaneseZodErrors });
  const at = (path: Path) => lineOf(doc, lineCounter, path);
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => located(i.path.filter((p) => typeof p !== 'symbol'), i.message, at, unknownKeyOf(i))));
  }
  const directory = toStaffDirectory(parsed.data);
  const issues = validateStaffDirectory(directory);
  if (issues.length > 0) fail(issues.map((i) => `${describeIssue(i)} ${t('staff.file.atLine', { line: at(i.path) })}`));
  return directory;
}

/** An unknown key is located at the key itself rather than at the start of its mapping. */
function unknownKeyOf(issue: { code: string; keys?: string[] }): string | undefined {
  return issue.code === 'unrecognized_keys' ? issue.keys?.[0] : undefined;
}

function located(path: Path, message: string, at: (path: Path) => number, key?: string): string {
  const where = formatIssuePath(path);
  const line = t('staff.file.atLine', { line: at(key === undefined ? path : [...path, key]) });
  return where ? `${where}: ${message} ${line}` : `${message} ${line}`;
}

function fail(lines: string[]): never {
  throw new AppError(ErrorCode.StaffFileInvalid, [t('staff.load.invalid', { count: lines.length }), ...lines].join('\n'));
}

/** Line of the deepest node of the path that exists (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (offset !== undefined) return counter.linePos(offset).line;
  }
  return 1;
}
