import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import type { Logger } from '../../application/ports.ts';

/**
 * A plain Node handler, mounted by the HTTP server at POST /api/messages. The process's HttpServer has read the
 * body already (`rawBody`, within its limit): its 'data'/'end' events have fired and must not be waited for.
 */
export type HttpHandler = (req: IncomingMessage & { rawBody?: Buffer }, res: ServerResponse) => Promise<void>;

/** An activity is at most ~100 KB (Teams); anything far larger is not from Teams. */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;

class HttpFailure extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

function finish(res: ServerResponse, status: number, body?: string): void {
  if (res.headersSent) return void (res.writableEnded || res.end());
  res.statusCode = status;
  if (body) res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(body);
}

/**
 * The body the server buffered, else read here up to `maxBytes` (a bare node server); a bigger one is refused
 * with 413 (declared: unread, connection closed; chunked: drained).
 */
function readBody(req: IncomingMessage & { rawBody?: Buffer }, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(req.rawBody)) {
    return req.rawBody.length > maxBytes ? Promise.reject(new HttpFailure(413)) : Promise.resolve(req.rawBody);
  }
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return reject(new HttpFailure(413));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => (size > maxBytes ? reject(new HttpFailure(413)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The activity: a JSON object; anything else (an array, a number, broken JSON) is 400 at once. */
async function readJson(req: IncomingMessage & { rawBody?: Buffer }, maxBytes: number): Promise<Record<string, unknown>> {
  const raw = await readBody(req, maxBytes);
  try {
    const body = JSON.parse(raw.toString('utf8')) as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // falls through to 400
  }
  throw new HttpFailure(400);
}

/** The Express-like response botbuilder's CloudAdapter.process writes to. */
function responseFor(res: ServerResponse): Response {
  return {
    socket: res.socket,
    status: (code: number) => void (res.statusCode = code),
    header: (name: string, value: unknown) => void res.setHeader(name, String(value)),
    send: (body?: unknown) => {
      // botbuilder answers a failed request with the error's message (e.g. why the OpenID metadata could not be
      // fetched): nothing internal goes back to an unauthenticated caller.
      if (body === undefined || body === null || res.statusCode >= 400) return;
      const json = typeof body !== 'string';
      if (json && !res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
      res.write(json ? JSON.stringify(body) : body);
    },
    end: () => void (res.writableEnded || res.end()),
  };
}

const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');

/**
 * Whether the Authorization header can be a Bot Connector token at all: `Bearer` + a JWS whose header names an RS256
 * key. Anything else is refused here with 401, before botbuilder (which writes a stack trace to stderr for every
 * refusal, and fetches Microsoft's OpenID metadata even for a token signed with alg "none").
 */
function looksLikeConnectorToken(authorization: string | undefined): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.exec(authorization ?? '');
  if (!match) return false;
  try {
    const header = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
    return header.alg === 'RS256' && typeof header.kid === 'string';
  } catch {
    return false;
  }
}

/**
 * POST /api/messages: checks method, content type and size, then lets the CloudAdapter verify the Bot Framework
 * JWT (401 when missing or invalid) and run the turn. 405 / 415 / 413 / 400 for requests that are not activities.
 */
export function createTeamsHttpHandler(
  cloud: CloudAdapter,
  logic: (ctx: TurnContext) => Promise<void>,
  options: { logger: Logger; maxBodyBytes?: number },
): HttpHandler {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req, res) => {
    try {
      if (req.method !== 'POST') return finish(res, 405);
      if (!isJson(req.headers['content-type'])) return finish(res, 415);
      const body = await readJson(req, maxBytes);
      if (!looksLikeConnectorToken(req.headers.authorization)) return finish(res, 401);
      const request: Request = { method: 'POST', headers: req.headers, body };
      await cloud.process(request, responseFor(res), logic);
      finish(res, res.statusCode);
    } catch (e) {
      const status = e instanceof HttpFailure ? e.status : 500;
      if (status === 500) options.logger.error('teams request failed', { error: e instanceof Error ? e.message : String(e) });
      if (status === 413) res.setHeader('connection', 'close');
      finish(res, status);
    }
  };
}
