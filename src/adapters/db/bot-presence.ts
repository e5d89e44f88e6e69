import { HEARTBEAT_EVERY_MS } from '../../application/health/check-readiness.ts';
import type { Database } from './database.ts';

/** The running bot's heartbeat row (PollerMark): `kaiheisen status` and an import in another process read it. */
export const HEARTBEAT_MARK = 'bot-heartbeat';

/** A heartbeat younger than this says a bot runs on the database (the readiness check's window: two beats). */
export const HEARTBEAT_FRESH_MS = 2 * HEARTBEAT_EVERY_MS;

/**
 * The wall time of the last heartbeat any bot wrote (undefined: none ever). On PostgreSQL every instance writes the
 * same row, so a fresh row means at least one instance runs. updatedAt is the write's wall time (Prisma's @updatedAt).
 */
export async function lastBotHeartbeat(db: Database): Promise<Date | undefined> {
  const row = await db.read.pollerMark.findUnique({ where: { name: HEARTBEAT_MARK }, select: { updatedAt: true } });
  return row?.updatedAt;
}
