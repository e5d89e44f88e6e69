import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../application/ports.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';

/**
 * The request as handlers see it: the body is read already (within the limit) and kept as `rawBody`, the
 * property Bolt's HTTPReceiver looks for before reading the stream itself. Handlers never read the stream again:
 * its 'data' and 'end' events have fired.
 */
export type BufferedRequest = IncomingMessage & { rawBody: Buffer };
export type RouteHandler = (req: BufferedRequest, res: ServerResponse) => void | Promise<void>;

/** How long a client may hold a socket; a held socket is closed (408 while a request is incomplete). */
export interface HttpTimeouts {
  /** From the connection (or the previous response on a kept-alive one) until the headers are complete. */
  headersMs: number;
  /** Until the whole request (headers and body) is received. Must be at least `headersMs`. */
  requestMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveMs: number;
  /** How often node checks the headers and request timeouts of open connections (node's default is 30 s). */
  checkIntervalMs: number;
}

export interface HttpServerOptions {
  logger: Logger;
  /** Largest accepted request body; larger ones get 413. Default 1 MiB. */
  bodyLimitBytes?: number;
  timeouts?: Partial<HttpTimeouts>;
}

interface Route {
  handler: RouteHandler;
  bodyLimitBytes: number;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 20_000,
  // Longer than the idle timeout of clients and proxies that reuse connections (commonly 60 s), so the server
  // never closes a kept-alive socket at the moment a client sends on it (that shows as ECONNRESET).
  keepAliveMs: 65_000,
  checkIntervalMs: 1_000,
};

class PayloadTooLarge extends Error {}

/** How long a refused oversized body may keep arriving before its connection is closed. */
const DRAIN_BEFORE_CLOSE_MS = 2_000;
class ClientGone extends Error {}

/** Reads the whole body, refusing (before or while reading) anything over `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new PayloadTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new PayloadTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // 'aborted' / ECONNRESET while the body is still arriving: the client left, not a fault of the server.
    req.on('error', (e) => reject(req.complete ? e : new ClientGone()));
    // The client left (or node closed the socket on the request timeout) before the body was complete.
    req.on('close', () => reject(new ClientGone()));
  });
}

/**
 * The process's one HTTP server: a tiny exact-path router on node:http. Slack (/slack/events), Teams
 * (/api/messages), webhooks, /healthz and /readyz register their handlers on it. It reads every body (within the
 * route's limit) before the handler runs; unknown paths, other methods and oversized bodies are answered at once.
 */
export class HttpServer {
  private readonly routes = new Map<string, Map<string, Route>>();
  private readonly server: Server;
  readonly timeouts: HttpTimeouts;

  constructor(private readonly options: HttpServerOptions) {
    const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
    if (timeouts.headersMs > timeouts.requestMs) throw new Error('http timeouts: headersMs must not exceed requestMs');
    this.timeouts = timeouts;
    this.server = createServer({ connectionsCheckingInterval: timeouts.checkIntervalMs }, (req, res) => void this.handle(req, res));
    // `Expect: 100-continue` (curl's default for large bodies): a body over the route's limit is refused before the
    // client sends it, instead of after (when the client, still sending, may see a reset rather than the 413).
    this.server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
      const route = this.routeOf(req);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (route && declared > route.bodyLimitBytes) return void res.writeHead(413, { connection: 'close' }).end();
      res.writeContinue();
      void this.handle(req, res);
    });
    this.server.headersTimeout = timeouts.headersMs;
    this.server.requestTimeout = timeouts.requestMs;
    this.server.keepAliveTimeout = timeouts.keepAliveMs;
  }

  register(method: string, path: string, handler: RouteHandler, opts: { bodyLimitBytes?: number } = {}): void {
    const byMethod = this.routes.get(path) ?? new Map<string, Route>();
    const verb = method.toUpperCase();
    if (byMethod.has(verb)) throw new Error(`route registered twice: ${verb} ${path}`);
    byMethod.set(verb, { handler, bodyLimitBytes: opts.bodyLimitBytes ?? this.options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT });
    this.routes.set(path, byMethod);
  }

  /** The node request listener (for tests or another server). */
  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);

  private routeOf(req: IncomingMessage): Route | undefined {
    return this.routes.get(new URL(req.url ?? '/', 'http://localhost').pathname)?.get(req.method ?? 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const byMethod = this.routes.get(path);
    const route = byMethod?.get(req.method ?? 'GET');
    if (!byMethod || !route) {
      const allow = byMethod ? { allow: [...byMethod.keys()].join(', ') } : {};
      req.resume();
      res.writeHead(byMethod ? 405 : 404, allow).end();
      return;
    }
    try {
      const buffered = req as BufferedRequest;
      buffered.rawBody = await readBody(req, route.bodyLimitBytes);
      await route.handler(buffered, res);
    } catch (e) {
      this.fail(req, res, e, path);
    }
  }

  private fail(req: IncomingMessage, res: ServerResponse, e: unknown, path: string): void {
    if (e instanceof PayloadTooLarge) {
      this.options.logger.warn('http request body too large', { path });
      // Answer first; let the client read it while it is still sending (a socket closed under a sending client
      // resets, and the client sees no answer), then drop the connection so the rest of the body is not kept.
      res.on('finish', () => {
        req.resume();
        setTimeout(() => req.destroy(), DRAIN_BEFORE_CLOSE_MS).unref();
      });
      if (!res.headersSent) res.writeHead(413, { connection: 'close' }).end();
      else req.destroy();
      return;
    }
    if (e instanceof ClientGone) {
      this.options.logger.warn('http request incomplete: the connection closed before the body was read', { path });
      return;
    }
    this.options.logger.error('http handler failed', { path, error: e instanceof Error ? e.message : String(e) });
    if (!res.headersSent) res.writeHead(500).end();
    else res.end();
  }

  /** Listens; port 0 picks a free one. Resolves with the bound port. */
  listen(port: number, host = '0.0.0.0'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') return reject(new AppError(ErrorCode.ConfigInvalid, t('bot.portInUse', { port })));
        if (e.code === 'EACCES') return reject(new AppError(ErrorCode.ConfigInvalid, t('bot.portDenied', { port })));
        reject(e);
      });
      this.server.listen(port, host, () => {
        this.server.removeAllListeners('error');
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** The port listened on, once listening. */
  boundPort(): number | undefined {
    const address = this.server.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.server.listening) return resolve();
      this.server.close((e) => (e ? reject(e) : resolve()));
      this.server.closeIdleConnections();
    });
  }
}
