import type { ClaimedTimer, TimerStore } from '../../application/timers/ports.ts';
import type { Database } from './database.ts';

type Row = { id: number; kind: string; dueAt: Date; payload: string; attempts: number };
const toClaimed = (r: Row): ClaimedTimer => ({
  id: r.id,
  kind: r.kind,
  dueAt: r.dueAt,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  attempts: r.attempts,
});

export function createTimerStore(db: Database): TimerStore {
  return {
    async schedule(spec) {
      return db.write(async (tx) => {
        if (spec.dedupeKey) {
          const existing = await tx.durableTimer.findUnique({ where: { dedupeKey: spec.dedupeKey } });
          if (existing) return existing.id;
        }
        const row = await tx.durableTimer.create({
          data: { kind: spec.kind, dueAt: spec.dueAt, payload: JSON.stringify(spec.payload), dedupeKey: spec.dedupeKey ?? null },
        });
        return row.id;
      });
    },
    async cancelByPrefix(prefix) {
      const { count } = await db.write((tx) =>
        tx.durableTimer.updateMany({
          where: { state: { in: ['pending', 'claimed'] }, dedupeKey: { startsWith: prefix } },
          data: { state: 'cancelled' },
        }),
      );
      return count;
    },
    async claimDue(now, instanceId, leaseMs, limit) {
      const staleBefore = new Date(now.getTime() - leaseMs);
      const dueWhere = {
        dueAt: { lte: now },
        OR: [{ state: 'pending' }, { state: 'claimed', claimedAt: { lt: staleBefore } }],
      };
      return db.write(async (tx) => {
        const candidates = await tx.durableTimer.findMany({ where: dueWhere, orderBy: { dueAt: 'asc' }, take: limit });
        const won: ClaimedTimer[] = [];
        for (const c of candidates) {
          // The conditional update is the claim: another instance that got here first leaves count 0.
          const { count } = await tx.durableTimer.updateMany({
            where: { id: c.id, state: c.state, claimedAt: c.claimedAt },
            data: { state: 'claimed', claimedBy: instanceId, claimedAt: now },
          });
          if (count === 1) won.push(toClaimed(c));
        }
        return won;
      });
    },
    async complete(id) {
      await db.write((tx) => tx.durableTimer.update({ where: { id }, data: { state: 'done' } }));
    },
    async completeByKey(dedupeKey) {
      await db.write((tx) => tx.durableTimer.updateMany({ where: { dedupeKey, state: 'pending' }, data: { state: 'done' } }));
    },
    async isPending(dedupeKey) {
      return !!(await db.read.durableTimer.findFirst({ where: { dedupeKey, state: 'pending' }, select: { id: true } }));
    },
    async retry(id, error, retryAt, giveUp) {
      await db.write((tx) =>
        tx.durableTimer.update({
          where: { id },
          data: {
            state: giveUp ? 'failed' : 'pending',
            dueAt: retryAt,
            attempts: { increment: 1 },
            lastError: error.slice(0, 2000),
            claimedBy: null,
            claimedAt: null,
          },
        }),
      );
    },
    async overdue(now, lateMs) {
      const rows = await db.read.durableTimer.findMany({
        where: { state: { in: ['pending', 'failed'] }, dueAt: { lt: new Date(now.getTime() - lateMs) } },
        orderBy: { dueAt: 'asc' },
      });
      return rows.map((r) => ({ ...toClaimed(r), ...(r.state === 'failed' ? { failed: true } : {}) }));
    },
  };
}

/** The pending durable timer due first after `after` (the console's /next and /time step through them). */
export async function nextPendingTimer(db: Database, after: Date): Promise<{ kind: string; dueAt: Date } | undefined> {
  const row = await db.read.durableTimer.findFirst({
    where: { state: 'pending', dueAt: { gt: after } },
    orderBy: { dueAt: 'asc' },
    select: { kind: true, dueAt: true },
  });
  return row ?? undefined;
}
