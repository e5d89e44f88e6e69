import type { ServerResponse } from 'node:http';
import { checkReadiness, type Readiness, type ReadinessDeps } from '../../application/health/check-readiness.ts';
import type { RunningBotView } from '../../application/health/ports.ts';
import type { Logger } from '../../application/ports.ts';
import type { HttpServer } from './http-server.ts';

export const HEALTHZ_PATH = '/healthz';
export const READYZ_PATH = '/readyz';
/** /readyz answers within this, whatever a check waits on (a held write lock, a long write queue). */
const READY_BUDGET_MS = 5_000;

export interface HealthRoutesDeps extends Omit<ReadinessDeps, 'bot'> {
  logger: Logger;
  budgetMs?: number;
}

export interface HealthRoutes {
  /** The running bot, once assembled: until then /readyz answers 503 "starting". */
  bind(bot: RunningBotView): void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function withinBudget(run: Promise<Readiness>, ms: number): Promise<Readiness | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref();
  });
  return Promise.race([run, late]).finally(() => clearTimeout(timer));
}

/**
 * GET /healthz: the process is alive (200 {"status":"ok"}, no database access). GET /readyz: 200 when every
 * readiness check holds, else 503; the JSON names each check with what it saw. Both are served unauthenticated on
 * the bot's port, so they carry figures and states only, never personal data or error texts of the platforms.
 */
export function mountHealthRoutes(server: Pick<HttpServer, 'register'>, deps: HealthRoutesDeps): HealthRoutes {
  let bot: RunningBotView | undefined;
  let lastReady: boolean | undefined;
  server.register('GET', HEALTHZ_PATH, (_req, res) => json(res, 200, { status: 'ok' }));
  server.register('GET', READYZ_PATH, async (_req, res) => {
    if (!bot) return json(res, 503, { status: 'starting' });
    const budget = deps.budgetMs ?? READY_BUDGET_MS;
    const readiness = await withinBudget(checkReadiness({ ...deps, bot }), budget);
    if (readiness === 'late') {
      deps.logger.warn('readiness checks did not finish in time', { budgetMs: budget });
      return json(res, 503, { status: 'not_ready', detail: `checks did not finish within ${budget} ms` });
    }
    if (readiness.ready !== lastReady) {
      const failing = Object.entries(readiness.checks).filter(([, c]) => !c.ok && !c.skipped).map(([name]) => name);
      deps.logger[readiness.ready ? 'info' : 'warn']('readiness changed', { ready: readiness.ready, failing: failing.join(',') });
      lastReady = readiness.ready;
    }
    json(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not_ready', checkedAt: readiness.checkedAt, checks: readiness.checks });
  });
  return { bind: (running) => void (bot = running) };
}
