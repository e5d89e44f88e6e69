// The processes of bench/replies.bench.ts (the load generator, the floor) and the results it sends.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/adapters/db/database.ts';
import { PROCESS_SLACK_SECRET } from '../test/support/bot-process.ts';
import type { LoadFigures, LoadMessage, SentEvent } from './ack-load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOAD_SCRIPT = fileURLToPath(new URL('./ack-load.ts', import.meta.url));
const FLOOR_SCRIPT = fileURLToPath(new URL('./bolt-floor.ts', import.meta.url));

/** Undone at the end of the bench, last first. */
export type CleanUps = (() => Promise<unknown>)[];

export interface Generate {
  url: string;
  /** Its event_ids start with `Ev${tag}`. */
  tag: string;
  rps: number;
  seconds: number;
  /** JSON of the LoadMessage[] to send in turn. */
  messagesFile: string;
  /** Where its per-event records go. */
  dir: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => Promise<boolean> | boolean, boundMs: number): Promise<boolean> {
  const deadline = performance.now() + boundMs;
  while (!(await check())) {
    if (performance.now() > deadline) return false;
    await sleep(200);
  }
  return true;
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/**
 * One result per assigned order of the day that reads as one (開栓 or 閉栓, with a previous reading: the same reading,
 * so no reason is asked), from its assignee's Slack id; the workers in turn, each going round their orders.
 */
export async function resultMessages(db: Database): Promise<LoadMessage[]> {
  const ids = await db.read.chatIdentity.findMany({ where: { platform: 'slack' } });
  const slackOf = new Map(ids.map((i) => [i.personId, i.externalId]));
  const orders = await db.read.workOrder.findMany({
    where: { kind: { in: ['open', 'close'] }, previousReading: { not: null }, assignment: { isNot: null } },
    include: { assignment: true },
    orderBy: { orderNo: 'asc' },
  });
  const byWorker = new Map<string, LoadMessage[]>();
  for (const o of orders) {
    const user = slackOf.get(o.assignment!.personId);
    if (!user) continue;
    const text = `${o.orderNo.slice(-4)} ${o.kind === 'open' ? '開栓' : '閉栓'}完了 指針${o.previousReading}`;
    byWorker.set(user, [...(byWorker.get(user) ?? []), { user, text }]);
  }
  const lists = [...byWorker.values()];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  return Array.from({ length: longest }, (_, i) => lists.map((l) => l[i % l.length]!)).flat();
}

/** The load generator, a process of its own: its figures and its per-event records once it sent everything and had every ack. */
export async function generate(o: Generate, cleanups: CleanUps): Promise<{ figures: LoadFigures; events: SentEvent[] }> {
  const eventsFile = join(o.dir, `events-${o.tag}.json`);
  const args = [o.url, String(o.rps), String(o.seconds), PROCESS_SLACK_SECRET, '--tag', o.tag, '--messages', o.messagesFile, '--events', eventsFile];
  const child = spawn(process.execPath, ['--import', 'tsx', LOAD_SCRIPT, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  cleanups.push(async () => child.exitCode === null && child.kill('SIGTERM'));
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the load generator exited ${code}`);
  return { figures: JSON.parse(out.trim().split('\n').pop()!) as LoadFigures, events: JSON.parse(readFileSync(eventsFile, 'utf8')) as SentEvent[] };
}

/** The floor, a process of its own; its events URL once it listens. */
export async function startFloor(apiUrl: string, cleanups: CleanUps): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FLOOR_SCRIPT, PROCESS_SLACK_SECRET, apiUrl], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => (child.kill('SIGTERM'), exited(child)));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`the floor exited (${code}) before listening`)));
  });
  return { url: `http://127.0.0.1:${port}/slack/events`, child };
}

