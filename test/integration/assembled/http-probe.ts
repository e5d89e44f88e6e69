import { request } from 'node:http';
import { connect } from 'node:net';

export interface Answer {
  status: number;
  body: string;
  /** Milliseconds until the whole answer was read. */
  ms: number;
}

/**
 * One request over node:http on loopback that must be answered within `withinMs`: a request still unanswered then
 * is destroyed and the promise rejects (the test fails), so nothing waits on a timer beyond that bound.
 */
export function answerWithin(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
  withinMs = 1_000,
): Promise<Answer> {
  const started = performance.now();
  const body = o.body ?? '';
  const headers = { 'content-length': String(Buffer.byteLength(body)), ...o.headers };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: o.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${withinMs} ms: ${o.method ?? 'POST'} ${url}`)), withinMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes `text` on a raw socket and resolves with everything received once the server closes it (bounded by `withinMs`). */
export function rawExchange(port: number, text: string, withinMs = 1_000): Promise<{ received: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const timer = setTimeout(() => socket.destroy(new Error(`socket not closed within ${withinMs} ms`)), withinMs);
    socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve({ received, ms: performance.now() - started });
    });
  });
}

