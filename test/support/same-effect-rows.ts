import { expect } from 'vitest';
import type { Platform } from '../../src/application/chat/view.ts';
import { actorOn, type Actor } from './platform-actor.ts';

/**
 * "The same user action has the same effect on every platform": the same steps run against three identical
 * databases (examples loaded by startBot), one bot per platform, and the resulting rows compared.
 */
export type Step = (a: Actor) => Promise<void>;
const TABLES = ['doubt', 'caseEvent', 'incident', 'incidentAck', 'complaint', 'page', 'overtimeRequest', 'taskResult', 'meterMovement', 'assignment', 'workOrder', 'dayEndConfirmation', 'report', 'durableTimer', 'auditLog'] as const;

/**
 * What may differ by platform: primary keys, channel/platform, instants (@default(now()) is the wall clock), where a
 * report was delivered, PDF bytes (pdf-lib stamps CreationDate/ModDate from the wall clock, so their size varies), and
 * the audit chain's links, seals and the head a daily report carries (they cover the channel and instants, and each
 * database has its own key).
 */
const PLATFORM_KEYS = new Set(['id', 'channel', 'platform', 'delivery', 'pdfBytes', 'prevHash', 'hash', 'keyId', 'seal', 'auditHead']);

function comparableValue(v: unknown): unknown {
  if (v instanceof Date || v instanceof Uint8Array) return undefined;
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      return comparableValue(JSON.parse(v) as unknown);
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(comparableValue);
  if (v && typeof v === 'object') return comparable(v as Record<string, unknown>);
  return v;
}

function comparable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !PLATFORM_KEYS.has(k)).map(([k, v]) => [k, comparableValue(v)]));
}

type Rows = Record<(typeof TABLES)[number], Record<string, unknown>[]>;

async function rowsOf(a: Actor): Promise<Rows> {
  const read = a.t.ctx.db.read as unknown as Record<string, { findMany(args: object): Promise<Record<string, unknown>[]> }>;
  const out: Partial<Rows> = {};
  for (const table of TABLES) out[table] = (await read[table]!.findMany({ orderBy: { id: 'asc' } })).map(comparable);
  return out as Rows;
}

async function effectOn(platform: Platform, steps: Step[], time: string) {
  const a = await actorOn(platform, time);
  try {
    for (const step of steps) await step(a);
    return await rowsOf(a);
  } finally {
    await a.dispose();
  }
}

/** Runs the steps on the console, Slack and Teams; the rows must be the same; returns them for the checks. */
export async function sameEffect(steps: Step[], time = '10:00') {
  const console_ = await effectOn('console', steps, time);
  expect(await effectOn('slack', steps, time)).toEqual(console_);
  expect(await effectOn('teams', steps, time)).toEqual(console_);
  return console_;
}

