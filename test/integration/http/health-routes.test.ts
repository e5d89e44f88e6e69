import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { mountHealthRoutes, type HealthRoutes } from '../../../src/adapters/http/health-routes.ts';
import { HttpServer } from '../../../src/adapters/http/http-server.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import type { HealthStore } from '../../../src/application/health/ports.ts';
import { answerWithin } from '../assembled/http-probe.ts';

/** The routes on a bare HttpServer with a stand-in store: what /readyz does when a check hangs or throws. */
const clock = new VirtualClock('2026-03-27T00:00:00Z');
const thresholds = { deliveryBacklogMinutes: 10, maxFailedDeliveries: 0, maxParkedEvents: 0, minFreeDiskMb: 100 };
const bot = { scheduler: { lastTickAt: clock.now(), pollIntervalMs: 5_000 }, platforms: [{ platform: 'console', health: () => ({ ok: true }) }] };

let server: HttpServer;
let routes: HealthRoutes;
let base: string;
let store: HealthStore;

beforeEach(async () => {
  store = {
    probeWrite: async () => ({ state: 'ok', detail: 'write ok', freeDiskMb: 5_000 }),
    deliveryBacklog: async () => ({ pending: 0, failed: 0 }),
    parkedEvents: async () => ({ count: 0 }),
    lastHeartbeat: async () => undefined,
    beat: async () => undefined,
  };
  server = new HttpServer({ logger: createLogger('silent') });
  routes = mountHealthRoutes(server, { store, clock, thresholds, logger: createLogger('silent'), budgetMs: 200 });
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterEach(() => server.close());

const readyz = async () => {
  const res = await answerWithin(`${base}/readyz`, { method: 'GET' }, 2_000);
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
};

describe('/readyz', () => {
  it('answers 503 "starting" until the bot is bound, /healthz 200 all along', async () => {
    expect(await readyz()).toEqual({ status: 503, body: { status: 'starting' } });
    expect((await answerWithin(`${base}/healthz`, { method: 'GET' })).status).toBe(200);
    routes.bind(bot);
    expect((await readyz()).status).toBe(200);
  });

  it('answers 503 within its budget when a check hangs', async () => {
    routes.bind(bot);
    store.probeWrite = () => new Promise(() => undefined);
    expect(await readyz()).toEqual({ status: 503, body: { status: 'not_ready', detail: 'checks did not finish within 200 ms' } });
  });

  it('reports a check that throws as failed, naming the error, and low disk space', async () => {
    routes.bind(bot);
    store.deliveryBacklog = async () => {
      throw new Error('no such table: Delivery');
    };
    store.probeWrite = async () => ({ state: 'low-disk', detail: 'low disk: 40 MB free (min 100)', freeDiskMb: 40 });
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({
      database: { ok: false, state: 'low-disk', freeDiskMb: 40 },
      deliveries: { ok: false, error: true, detail: 'check failed: no such table: Delivery' },
      parkedEvents: { ok: true },
    });
  });

  it('counts a database busy with another writer as writable', async () => {
    routes.bind(bot);
    store.probeWrite = async () => ({ state: 'busy', detail: 'busy (another process is writing)' });
    expect((await readyz()).status).toBe(200);
  });
});
