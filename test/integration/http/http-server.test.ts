import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../../src/adapters/http/http-server.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';

let server: HttpServer;
let base: string;

beforeEach(async () => {
  server = new HttpServer({ logger: createLogger('silent'), bodyLimitBytes: 1024 });
  server.register('POST', '/echo', (req, res) => void res.writeHead(200).end(req.rawBody));
  server.register('GET', '/healthz', (_req, res) => void res.writeHead(200).end('ok'));
  server.register('POST', '/boom', () => {
    throw new Error('handler bug');
  });
  server.register('POST', '/big', (req, res) => void res.writeHead(200).end(String(req.rawBody.length)), { bodyLimitBytes: 4096 });
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterEach(() => server.close());

/** Sends the body in chunks without content-length when `chunked`, to exercise the streaming limit. */
function send(method: string, path: string, body = '', chunked = false): Promise<{ status: number; body: string; allow?: string }> {
  return new Promise((resolve, reject) => {
    const headers = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, allow: res.headers.allow }));
    });
    req.on('error', reject);
    if (chunked) for (let i = 0; i < body.length; i += 256) req.write(body.slice(i, i + 256));
    req.end(chunked ? undefined : body);
  });
}

describe('HttpServer', () => {
  it('routes by method and exact path and hands the buffered body', async () => {
    expect(await send('POST', '/echo?x=1', 'こんにちは')).toMatchObject({ status: 200, body: 'こんにちは' });
    expect(await send('GET', '/healthz')).toMatchObject({ status: 200, body: 'ok' });
  });

  it('answers 404 for an unknown path and 405 with Allow for a known path', async () => {
    expect((await send('GET', '/nope')).status).toBe(404);
    expect(await send('GET', '/echo')).toMatchObject({ status: 405, allow: 'POST' });
  });

  it('refuses bodies over the limit with 413, declared or streamed; a route may allow more', async () => {
    expect((await send('POST', '/echo', 'x'.repeat(2000))).status).toBe(413);
    expect((await send('POST', '/echo', 'x'.repeat(2000), true)).status).toBe(413);
    expect(await send('POST', '/big', 'x'.repeat(2000))).toMatchObject({ status: 200, body: '2000' });
  });

  it('answers 500 when a handler throws', async () => {
    expect((await send('POST', '/boom', '{}')).status).toBe(500);
  });

  it('refuses a route registered twice', () => {
    expect(() => server.register('post', '/echo', () => undefined)).toThrow(/twice/);
  });
});

describe('HttpServer: held sockets are closed', () => {
  const timeouts = { headersMs: 300, requestMs: 400, keepAliveMs: 300, checkIntervalMs: 50 };
  let held: HttpServer;
  let port: number;

  beforeEach(async () => {
    held = new HttpServer({ logger: createLogger('silent'), timeouts });
    held.register('POST', '/echo', (req, res) => void res.writeHead(200).end(req.rawBody));
    held.register('GET', '/ping', (_req, res) => void res.writeHead(200).end('pong'));
    port = await held.listen(0, '127.0.0.1');
  });
  afterEach(() => held.close());

  /** Opens a socket, writes `text`, and resolves with what came back once the server closed it. */
  function holdOpen(text: string): Promise<{ received: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let received = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      socket.on('data', (c: Buffer) => (received += c.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve({ received, ms: performance.now() - started }));
    });
  }

  it('closes a connection that sends half the headers, with 408', async () => {
    const { received, ms } = await holdOpen('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: app');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(timeouts.headersMs - 50);
  }, 5_000);

  it('closes a connection that sends half the body, with 408, and never calls the handler with it', async () => {
    const { received } = await holdOpen('POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc');
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 5_000);

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const { received, ms } = await holdOpen('GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200[\s\S]*Connection: keep-alive[\s\S]*pong/);
    expect(ms).toBeGreaterThanOrEqual(timeouts.keepAliveMs - 50);
  }, 5_000);

  it('refuses timeouts where the headers may take longer than the whole request', () => {
    expect(() => new HttpServer({ logger: createLogger('silent'), timeouts: { headersMs: 500, requestMs: 400 } })).toThrow(/headersMs/);
  });
});
