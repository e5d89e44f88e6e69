import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ReplayedDelivery } from '../../application/complaints/ports.ts';
import type { RecordedComplaint } from '../../application/complaints/receive-complaint.ts';
import type { Clock, Logger } from '../../application/ports.ts';
import { COMPLAINT_KINDS } from '../../domain/complaints/complaint-command.ts';
import { AppError, ErrorCode, isAppError } from '../../errors.ts';
import { t, templateText } from '../../templates.ts';
import type { HttpServer } from './http-server.ts';

export const COMPLAINT_WEBHOOK_PATH = '/webhooks/complaints';
export const COMPLAINT_WEBHOOK_MAX_BYTES = 64 * 1024;
const TOLERANCE_MS = 5 * 60_000;
const MIN_SECRET_LENGTH = 16;

const text = z.union([z.string(), z.number()]).transform(String);
const BODY = z.object({
  kind: z.enum(COMPLAINT_KINDS),
  address: text.nullish(),
  customerNumber: text.nullish(),
  description: z.string(),
  externalId: text.nullish(),
});
export type WebhookComplaint = z.infer<typeof BODY>;

export interface ComplaintWebhookDeps {
  secret: string;
  clock: Clock;
  logger: Logger;
  /** Whether this signature was accepted before (stored durably with the complaint it created). */
  seen(signature: string): Promise<boolean>;
  /** Records the complaint; the signature is stored in the same transaction (ReplayedDelivery when taken). */
  receive(body: WebhookComplaint, signature: string): Promise<RecordedComplaint>;
  /** Runs its first step (page or notify) once the sender has its answer; the durable timer covers a crash. */
  start(recorded: RecordedComplaint): Promise<unknown>;
}

type Req = IncomingMessage & { rawBody?: Buffer };

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const refuse = (status: number, code: string, key: string, params: Record<string, string> = {}) => new Refusal(status, code, templateText(`complaint.webhook.${key}`, params));

/** `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`). */
export function signComplaintWebhook(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

/** The body as the server buffered it, or read here; past the limit only limit + 1 bytes are kept (enough to refuse). */
function readLimited(req: Req, limit: number): Promise<Buffer> {
  if (req.rawBody) return Promise.resolve(req.rawBody);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (chunk: Buffer) => {
      if (kept > limit) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks).subarray(0, limit + 1)));
    req.on('error', reject);
  });
}

function header(req: Req, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The signature's hex when it is the HMAC of this timestamp and body (compared in constant time). */
function verifiedSignature(deps: ComplaintWebhookDeps, req: Req, raw: Buffer): string {
  const timestamp = header(req, 'x-kaiheisen-timestamp')?.trim();
  const signature = header(req, 'x-kaiheisen-signature')?.trim();
  if (!timestamp || !signature) throw refuse(401, 'missing_signature', 'missingSignature');
  const expected = Buffer.from(signComplaintWebhook(deps.secret, timestamp, raw));
  const given = Buffer.from(signature);
  if (!/^\d{1,12}$/u.test(timestamp) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw refuse(401, 'bad_signature', 'badSignature');
  }
  if (Math.abs(deps.clock.now().getTime() - Number(timestamp) * 1000) > TOLERANCE_MS) throw refuse(401, 'stale_timestamp', 'staleTimestamp');
  return signature.slice('v1='.length);
}

function parseBody(raw: Buffer): WebhookComplaint {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw refuse(400, 'bad_json', 'badJson');
  }
  const parsed = BODY.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(本文)'))].join(', ');
    throw refuse(400, 'bad_fields', 'badFields', { details: fields });
  }
  return parsed.data;
}

async function accept(deps: ComplaintWebhookDeps, req: Req): Promise<{ status: number; body: Record<string, unknown>; recorded: RecordedComplaint }> {
  const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw refuse(415, 'unsupported_media_type', 'contentType');
  const raw = await readLimited(req, COMPLAINT_WEBHOOK_MAX_BYTES);
  if (raw.length > COMPLAINT_WEBHOOK_MAX_BYTES) throw refuse(413, 'too_large', 'tooLarge');
  const signature = verifiedSignature(deps, req, raw);
  if (await deps.seen(signature)) throw refuse(409, 'replayed', 'replayed');
  const body = parseBody(raw);
  const r = await deps.receive(body, signature);
  const c = r.complaint;
  const answer = { id: c.id, state: c.state, mode: r.mode, duplicate: r.duplicate, orderNo: c.order?.orderNo ?? null };
  return { status: r.duplicate ? 200 : 201, body: answer, recorded: r };
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * POST /webhooks/complaints: an authenticated complaint from the bureau's systems. Refused, with nothing recorded:
 * wrong content type 415, body over 64 KB 413, missing or bad signature 401, timestamp off by more than 5 minutes
 * 401, a signature seen before 409, unreadable JSON or fields 400. Usable on HttpServer or as a plain node handler.
 */
export function createComplaintWebhook(deps: ComplaintWebhookDeps): (req: Req, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    let recorded: RecordedComplaint;
    try {
      const accepted = await accept(deps, req);
      answer(res, accepted.status, accepted.body);
      recorded = accepted.recorded;
    } catch (e) {
      return refusal(deps, res, e);
    }
    try {
      await deps.start(recorded);
    } catch (e) {
      deps.logger.error('complaint webhook: first step failed; the timer runner retries it', { error: e instanceof Error ? e.message : String(e) });
    }
  };
}

function refusal(deps: ComplaintWebhookDeps, res: ServerResponse, e: unknown): void {
  if (e instanceof Refusal) {
    deps.logger.warn('complaint webhook refused', { status: e.status, reason: e.code });
    return answer(res, e.status, { error: e.code, message: e.message });
  }
  if (e instanceof ReplayedDelivery) return answer(res, 409, { error: 'replayed', message: t('complaint.webhook.replayed') });
  if (isAppError(e) && e.code === ErrorCode.InvalidInput) return answer(res, 400, { error: 'bad_fields', message: e.message });
  deps.logger.error('complaint webhook failed', { error: e instanceof Error ? e.message : String(e) });
  answer(res, 500, { error: 'internal', message: t('complaint.webhook.internal') });
}

/** Registers the route; refuses to without a secret (COMPLAINT_WEBHOOK_SECRET, at least 16 characters). */
export function mountComplaintWebhook(server: Pick<HttpServer, 'register'>, deps: ComplaintWebhookDeps): void {
  if (!deps.secret || deps.secret.length < MIN_SECRET_LENGTH) {
    throw new AppError(ErrorCode.ConfigInvalid, `COMPLAINT_WEBHOOK_SECRET が未設定か短すぎます (${MIN_SECRET_LENGTH} 文字以上)。苦情の Webhook は受け付けません。`);
  }
  // The server answers 413 itself for a body over the limit, before reading it all.
  server.register('POST', COMPLAINT_WEBHOOK_PATH, createComplaintWebhook(deps), { bodyLimitBytes: COMPLAINT_WEBHOOK_MAX_BYTES });
}
