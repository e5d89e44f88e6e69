import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../application/ports.ts';

/**
 * The request as handlers see it: the body is read already (within the limit) and kept as `rawBody`, the
 * property Bolt's HTTPReceiver looks for before reading the stream itself.
 */
export type BufferedRequest = IncomingMessage & { rawBody: Buffer };
export type RouteHandler = (req: BufferedRequest, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  /** Largest accepted request body; larger ones get 413. Default 1 MiB. */
  bodyLimitBytes?: number;
}

interface Route {
  handler: RouteHandler;
  bodyLimitBytes: number;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const KEEP_ALIVE_MS = 65_000;

class PayloadTooLarge extends Error {}

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
    req.on('error', reject);
  });
}

/**
 * The process's one HTTP server: a tiny exact-path router on node:http. Slack (/slack/events), Teams
 * (/api/messages), webhooks and /healthz register their handlers on it.
 */
export class HttpServer {
  private readonly routes = new Map<string, Map<string, Route>>();
  private readonly server: Server;

  constructor(private readonly options: HttpServerOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 20_000;
    // Longer than the idle timeout of clients and proxies that reuse connections (commonly 60 s), so the server
    // never closes a kept-alive socket at the moment a client sends on it (that shows as ECONNRESET).
    this.server.keepAliveTimeout = KEEP_ALIVE_MS;
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
      // Answer first, then drop the connection so the rest of the body is not read.
      res.on('finish', () => req.destroy());
      if (!res.headersSent) res.writeHead(413, { connection: 'close' }).end();
      else req.destroy();
      return;
    }
    this.options.logger.error('http handler failed', { path, error: e instanceof Error ? e.message : String(e) });
    if (!res.headersSent) res.writeHead(500).end();
    else res.end();
  }

  /** Listens; port 0 picks a free one. Resolves with the bound port. */
  listen(port: number, host = '0.0.0.0'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.server.listening) return resolve();
      this.server.close((e) => (e ? reject(e) : resolve()));
      this.server.closeIdleConnections();
    });
  }
}
