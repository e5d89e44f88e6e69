// The figures of bench/replies.bench.ts: which post at the Web API stand-in answered which event sent, and the ack and
// end-to-end (send → the answer reaching the stand-in) latencies of a run, from the load generator's per-event records.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Database } from '../src/adapters/db/database.ts';
import type { PostedMessage } from '../test/support/bot-process.ts';
import type { SentEvent } from './ack-load.ts';

export interface Latencies {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : NaN);

export function latencies(values: readonly number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]! : NaN);
  return { count: sorted.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(sorted.at(-1) ?? NaN) };
}

/** The answers that reached the stand-in for one event: the first one's arrival, and how many distinct answers. */
export interface Answered {
  firstAt: number;
  answers: Set<string>;
}

function note(map: Map<string, Answered>, eventId: string, answer: string, at: number): void {
  const seen = map.get(eventId);
  if (!seen) map.set(eventId, { firstAt: at, answers: new Set([answer]) });
  else {
    seen.firstAt = Math.min(seen.firstAt, at);
    seen.answers.add(answer);
  }
}

/** The floor answers each event with one say() whose text is `floor EVENT_ID` (bench/bolt-floor.ts). */
export function floorAnswers(posts: readonly PostedMessage[]): Map<string, Answered> {
  const map = new Map<string, Answered>();
  for (const p of posts) {
    const eventId = /^floor (\S+)$/.exec(p.text)?.[1];
    if (eventId && p.at !== undefined) note(map, eventId, String(p.seq), p.at);
  }
  return map;
}

const nonceOf = (p: PostedMessage) => (p.metadata as { event_payload?: { nonce?: string } } | undefined)?.event_payload?.nonce;

/**
 * The bot's answers: each post carries its delivery's marker (`delivery-ID-…`, src/application/chat/delivery-attempt.ts);
 * the delivery is keyed by its cause, `event:INBOUND_ID#n@…` for a reply to an inbound event; that InboundEvent row holds
 * the event_id. Posts of other causes (a daily job) are left out. Parts of one delivery are one answer.
 */
export async function botAnswers(db: Database, posts: readonly PostedMessage[], prefix: string): Promise<{ answers: Map<string, Answered>; texts: Map<string, string> }> {
  const byDelivery = new Map<number, PostedMessage[]>();
  for (const p of posts) {
    const id = Number(/^delivery-(\d+)-/.exec(nonceOf(p) ?? '')?.[1]);
    if (Number.isInteger(id)) byDelivery.set(id, [...(byDelivery.get(id) ?? []), p]);
  }
  const deliveries = await db.read.delivery.findMany({ where: { id: { in: [...byDelivery.keys()] } }, select: { id: true, dedupeKey: true } });
  const events = await db.read.inboundEvent.findMany({ where: { eventKey: { startsWith: prefix } }, select: { id: true, eventKey: true } });
  const keyOfInbound = new Map(events.map((e) => [e.id, e.eventKey]));
  const answers = new Map<string, Answered>();
  const texts = new Map<string, string>();
  for (const d of deliveries) {
    const eventId = keyOfInbound.get(Number(/^event:(\d+)#/.exec(d.dedupeKey)?.[1]));
    if (!eventId) continue;
    for (const p of byDelivery.get(d.id)!) if (p.at !== undefined) note(answers, eventId, String(d.id), p.at);
    if (!texts.has(eventId)) texts.set(eventId, byDelivery.get(d.id)![0]!.text);
  }
  return { answers, texts };
}

export interface RunFigures {
  sent: number;
  offeredRps: number;
  acked: number;
  ackedRps: number;
  /** Requests not answered 200 (refused, connection error). */
  errors: number;
  /** Acks slower than Slack's 3 s: Slack would have sent the event again. */
  over3s: number;
  ack: Latencies;
  /** Events whose answer reached the stand-in, and the time from sending each to its first answer there. */
  answered: number;
  e2e: Latencies;
  /** Events answered by more than one distinct message. */
  answeredMoreThanOnce: number;
  /** The ten slowest sends to answer: [seconds after the first send, ms]. */
  slowestE2e: [number, number][];
}

export function runFigures(events: readonly SentEvent[], seconds: number, answers: ReadonlyMap<string, Answered>): RunFigures {
  const acks = events.flatMap(([, , ms]) => (ms === null ? [] : [ms]));
  const start = events[0]?.[1] ?? 0;
  const e2e = events.flatMap(([id, sentAt]) => {
    const a = answers.get(id);
    return a ? [[(sentAt - start) / 1000, a.firstAt - sentAt] as [number, number]] : [];
  });
  return {
    sent: events.length,
    offeredRps: round(events.length / seconds),
    acked: acks.length,
    ackedRps: round(acks.length / seconds),
    errors: events.length - acks.length,
    over3s: acks.filter((ms) => ms > 3000).length,
    ack: latencies(acks),
    answered: e2e.length,
    e2e: latencies(e2e.map(([, ms]) => ms)),
    answeredMoreThanOnce: events.filter(([id]) => (answers.get(id)?.answers.size ?? 0) > 1).length,
    slowestE2e: [...e2e].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([at, ms]) => [round(at), round(ms)]),
  };
}

/** The bot's inbox for the run's events after it drained: each event_id stored once, processed once, none lost. */
export interface InboxCheck {
  stored: number;
  done: number;
  failed: number;
  /** Acked but never stored, or stored and not done (still waiting or failed). */
  lost: number;
  /** event_ids stored more than once (the unique index should make this 0), and events whose processing started more than once. */
  storedTwice: number;
  processedTwice: number;
  /** From the first send to the last event done. */
  processingSeconds: number;
}

export async function inboxCheck(db: Database, prefix: string, events: readonly SentEvent[]): Promise<InboxCheck> {
  const rows = await db.read.inboundEvent.findMany({ where: { eventKey: { startsWith: prefix } }, select: { eventKey: true, state: true, attempts: true, processedAt: true } });
  const keys = new Set(rows.map((r) => r.eventKey));
  const done = rows.filter((r) => r.state === 'done');
  const doneKeys = new Set(done.map((r) => r.eventKey));
  const acked = events.filter(([, , ms]) => ms !== null);
  const last = Math.max(...done.map((r) => (r.processedAt ? new Date(r.processedAt).getTime() : 0)));
  return {
    stored: keys.size,
    done: done.length,
    failed: rows.filter((r) => r.state === 'failed').length,
    lost: acked.filter(([id]) => !doneKeys.has(id)).length,
    storedTwice: rows.length - keys.size,
    processedTwice: rows.filter((r) => r.attempts > 1).length,
    processingSeconds: round((last - (events[0]?.[1] ?? last)) / 1000),
  };
}

/** Acked events of the run not done yet (waiting in the inbox, or not even stored): the backlog. */
export async function backlog(db: Database, prefix: string, acked: number): Promise<number> {
  const finished = await db.read.inboundEvent.count({ where: { eventKey: { startsWith: prefix }, state: { in: ['done', 'failed'] } } });
  return acked - finished;
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system, ms) a process used so far, from /proc (Linux); undefined elsewhere. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
