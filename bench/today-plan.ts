/**
 * Today's plan for comparison: the assignment code as it was before the improvement solver (commit
 * 2cc2159), read from git history into a temp folder and imported from there, so no copy of the old
 * algorithm lives in the source tree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { assignOrders } from '../src/domain/assignment/assign-orders.ts';

export const TODAY_COMMIT = '2cc2159';
const FOLDER = 'src/domain/assignment';

export async function loadTodaysAssign(repoRoot: string): Promise<typeof assignOrders> {
  const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let files: string[];
  try {
    files = git('ls-tree', '--name-only', `${TODAY_COMMIT}:${FOLDER}`).split('\n').filter((f) => f.endsWith('.ts'));
  } catch (e) {
    throw new Error(`cannot read ${FOLDER} at commit ${TODAY_COMMIT} from git (is git installed and the history there?): ${(e as Error).message}`);
  }
  const dir = join(mkdtempSync(join(tmpdir(), 'kaiheisen-today-')), 'assignment');
  mkdirSync(dir);
  for (const f of files) writeFileSync(join(dir, f), git('show', `${TODAY_COMMIT}:${FOLDER}/${f}`));
  const module = (await import(pathToFileURL(join(dir, 'assign-orders.ts')).href)) as { assignOrders: typeof assignOrders };
  return module.assignOrders;
}
