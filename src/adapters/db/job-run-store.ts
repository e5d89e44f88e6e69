import type { Database } from './database.ts';

/** Once-per-key claims on JobRun: the first insert of a key wins, every later one (any instance) loses. */
export interface JobClaims {
  claim(key: string, instanceId: string, at: Date): Promise<boolean>;
  /** Gives the key back (the job failed), so another tick or instance may run it. */
  release(key: string, instanceId: string): Promise<void>;
  /** Whether some instance holds the key (the run is done or under way). */
  isClaimed(key: string): Promise<boolean>;
}

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === 'P2002' || /UNIQUE constraint failed/i.test(String((e as Error).message));

export function createJobClaims(db: Database): JobClaims {
  return {
    async claim(key, instanceId, at) {
      try {
        await db.write((tx) => tx.jobRun.create({ data: { key, instanceId, startedAt: at } }));
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async release(key, instanceId) {
      await db.write((tx) => tx.jobRun.deleteMany({ where: { key, instanceId } }));
    },
    async isClaimed(key) {
      return (await db.read.jobRun.count({ where: { key } })) > 0;
    },
  };
}
