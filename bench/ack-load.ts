// The load generator of bench/ack-under-load.bench.ts, instances and replies: signed Slack message.im events at a fixed
// rate (open loop: each leaves on schedule, whether or not the earlier ones were answered), the time to each 200
// recorded. As a script (`node --import tsx bench/ack-load.ts URL RPS SECONDS SECRET [--tag T] [--messages FILE]
// [--events FILE]`) it runs in a process of its own until its parent sends 'stop' or SECONDS pass, then prints one JSON
// line. --messages: a JSON array of {user, text} sent in turn instead of the built-in mix; --events: a JSON array of
// [event_id, sent at (ms since the epoch, fractional), ack ms or null] written there at the end. Loopback only.
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { constants, setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { messageImEvent, postSigned } from '../test/support/slack-requests.ts';

export interface LoadOptions {
  url: string;
  rps: number;
  seconds: number;
  secret: string;
  tag: string;
  /** Sent in turn (default: a mix of commands and a result from six workers). */
  messages?: readonly LoadMessage[];
  /** Ends the run early (the requests already sent are still awaited). */
  stopped?: () => boolean;
}

export interface LoadMessage {
  user: string;
  text: string;
}

/** One event sent: its event_id, when it left (ms since the epoch, fractional: comparable across processes), its ack ms (null: none). */
export type SentEvent = [eventId: string, sentAtMs: number, ackMs: number | null];

export interface LoadResult {
  sent: number;
  /** Wall-clock time of the first send (ms since the epoch), to compare with times the bot stored. */
  startedAtMs: number;
  acked: number;
  errors: number;
  reasons: string[];
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  over1s: number;
  /** The ten slowest acks: [seconds after the start, milliseconds]. */
  slowest: [number, number][];
  /** The slowest ack of each second of sending. */
  perSecondMaxMs: number[];
  /** Every event sent, in order. */
  events: SentEvent[];
}

const USERS = ['UW01', 'UW02', 'UW03', 'UW04', 'UW05', 'UW06'];
const TEXTS = ['残り', 'ヘルプ', '0012 開栓完了 指針1187', '伝達 0012 犬に注意', '進捗'];
const MIX: LoadMessage[] = Array.from({ length: USERS.length * TEXTS.length }, (_, n) => ({ user: USERS[n % USERS.length]!, text: TEXTS[n % TEXTS.length]! }));

/** What the script prints: the figures without the per-event records (those go to --events). */
export type LoadFigures = Omit<LoadResult, 'events'>;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]! : NaN;
}

function perSecondMax(acks: readonly [number, number][]): number[] {
  const out: number[] = [];
  for (const [at, ms] of acks) out[Math.floor(at)] = Math.max(out[Math.floor(at)] ?? 0, Math.round(ms));
  return Array.from(out, (v) => v ?? 0);
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const acks: [number, number][] = [];
  const reasons = new Set<string>();
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const startedAtMs = Date.now();
  const total = Math.round(o.seconds * o.rps);
  const messages = o.messages?.length ? o.messages : MIX;
  const events: SentEvent[] = [];
  let sent = 0;
  for (; sent < total && !o.stopped?.(); sent++) {
    const wait = start + (sent * 1000) / o.rps - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const n = sent;
    const eventId = `Ev${o.tag}${process.pid}x${n}`;
    const { user, text } = messages[n % messages.length]!;
    const body = JSON.stringify(messageImEvent({ eventId, user, text }));
    const at = performance.now();
    const record: SentEvent = [eventId, performance.timeOrigin + at, null];
    events.push(record);
    inFlight.push(
      postSigned(o.url, body, { secret: o.secret, agent }).then(
        (res) => {
          if (res.status === 200) {
            record[2] = performance.now() - at;
            acks.push([(at - start) / 1000, record[2]]);
          } else {
            errors++;
            reasons.add(`HTTP ${res.status}`);
          }
        },
        (e: Error) => {
          errors++;
          reasons.add(e.message);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = acks.map(([, ms]) => ms).sort((a, b) => a - b);
  return {
    sent, startedAtMs, acked: acks.length, errors, reasons: [...reasons],
    p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted.at(-1) ?? NaN,
    over1s: sorted.filter((ms) => ms > 1000).length,
    slowest: [...acks].sort((a, b) => b[1] - a[1]).slice(0, 10),
    perSecondMaxMs: perSecondMax(acks),
    events,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  // The generator stands for Slack, which does not share the bot's CPU: above normal priority where allowed, so
  // that on a busy machine its own waiting for the CPU is not counted as the bot's.
  try {
    setPriority(0, constants.priority.PRIORITY_ABOVE_NORMAL);
  } catch {
    // not allowed: normal priority
  }
  const [url, rps, seconds, secret] = process.argv.slice(2);
  const flag = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const messagesFile = flag('messages');
  const eventsFile = flag('events');
  let stop = false;
  process.on('message', (m) => {
    if (m === 'stop') stop = true;
  });
  const result = await runLoad({
    url: url!, rps: Number(rps), seconds: Number(seconds), secret: secret!, tag: flag('tag') ?? 'L', stopped: () => stop,
    ...(messagesFile ? { messages: JSON.parse(readFileSync(messagesFile, 'utf8')) as LoadMessage[] } : {}),
  });
  const { events, ...figures }: { events: SentEvent[] } & LoadFigures = result;
  if (eventsFile) writeFileSync(eventsFile, JSON.stringify(events));
  console.log(JSON.stringify(figures));
  process.disconnect?.();
}
