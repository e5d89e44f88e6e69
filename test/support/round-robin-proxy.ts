import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in miniature on loopback: each request goes to the next backend in turn; a backend that refuses
 * the connection or drops it (its process was killed) is skipped and the request goes to the next, as a balancer's
 * health check and the platform's redelivery (Slack, Teams) would bring it there.
 */
export interface RoundRobinProxy {
  url: string;
  /** Requests each backend answered, by its base URL. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forward(base: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, base);
    const req = request(target, { method, headers: { ...headers, host: target.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function roundRobinProxy(backends: () => string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const answered = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const list = backends();
      for (let tried = 0; tried < list.length; tried++) {
        const base = list[next++ % list.length]!;
        try {
          const answer = await forward(base, req.method ?? 'GET', req.url ?? '/', req.headers, body);
          answered.set(base, (answered.get(base) ?? 0) + 1);
          res.writeHead(answer.status, answer.headers).end(answer.body);
          return;
        } catch {
          // Refused (the process is gone) or cut off (it died with the request): the next backend gets it, as the
          // platform's own retry would bring it there; a repeated event is deduplicated by the bot.
        }
      }
      res.writeHead(502).end();
    })();
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
