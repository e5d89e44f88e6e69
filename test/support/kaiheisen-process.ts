import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OURS = /^(SLACK_|TEAMS_|COMPLAINT_|PORT$|DATABASE_URL$|KAIHEISEN_|INBOX_|READY_)/;

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `kaiheisen ARGS` as its own process (bin/kaiheisen.mjs), so that everything it prints or logs is captured. */
export async function runKaiheisen(args: string[], env: Record<string, string>): Promise<ProcessRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OURS.test(k)));
  const child = spawn(process.execPath, ['bin/kaiheisen.mjs', ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
