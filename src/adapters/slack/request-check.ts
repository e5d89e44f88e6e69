import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack's replay window: a request whose timestamp is further than this from now, either way, is refused. */
export const SLACK_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

export interface SlackRefusal {
  status: 400 | 401 | 415;
  /** For the log: never a header value or a body. */
  reason: string;
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? undefined : v?.trim();
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON object with a `type`; an event callback also carries its event (an object): Bolt never acks one without. */
const isEnvelope = (v: unknown): boolean =>
  isObject(v) && typeof v.type === 'string' && (v.type !== 'event_callback' || isObject(v.event));

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `v0=` + hex HMAC-SHA256(secret, `v0:${timestamp}:${body}`), compared in constant time. */
function signatureMatches(secret: string, timestamp: string, body: Buffer, given: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The body is a Slack envelope: a JSON object with a `type`, or a form whose `payload` is one (a form without payload: a slash command). */
function shapeRefusal(type: string, body: Buffer): SlackRefusal | undefined {
  const text = body.toString('utf8');
  if (type === JSON_TYPE) return isEnvelope(parsed(text)) ? undefined : { status: 400, reason: 'body is not a JSON object with a type' };
  const payload = new URLSearchParams(text).get('payload');
  if (payload === null || isEnvelope(parsed(payload))) return undefined;
  return { status: 400, reason: 'payload is not a JSON object with a type' };
}

/**
 * Checks a request to /slack/events before Bolt sees it, and answers at once what Bolt would answer late or not
 * at all: a content type Slack does not send (415); a timestamp missing or more than 5 minutes from now in either
 * direction (Bolt refuses only old ones), or a bad signature (401); a signed body that is not an envelope, e.g.
 * `[]` (400; Bolt would wait 3 s for an ack that never comes, then answer 404). `nowMs` is the wall clock: the
 * window is about real time, as in Slack's own check. Slack's unsigned `ssl_check=1` is left to Bolt.
 */
export function slackRequestRefusal(headers: IncomingHttpHeaders, body: Buffer, signingSecret: string, nowMs: number): SlackRefusal | undefined {
  const type = (header(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== JSON_TYPE && type !== FORM_TYPE) return { status: 415, reason: 'content type is neither JSON nor a form' };
  if (type === FORM_TYPE && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1') return undefined;
  const timestamp = header(headers, 'x-slack-request-timestamp');
  const signature = header(headers, 'x-slack-signature');
  if (!timestamp || !signature || !/^\d{1,12}$/u.test(timestamp)) return { status: 401, reason: 'missing signature or timestamp' };
  if (Math.abs(nowMs - Number(timestamp) * 1000) > SLACK_TIMESTAMP_TOLERANCE_MS) return { status: 401, reason: 'timestamp outside 5 minutes of now' };
  if (!signatureMatches(signingSecret, timestamp, body, signature)) return { status: 401, reason: 'bad signature' };
  return shapeRefusal(type, body);
}
