import type { Database } from './database.ts';

const MARK = 'console-clock';

/** Where the console's clock was last (a restart resumes there, never earlier: timers and claims were written at its times). */
export function createConsoleClockStore(db: Database) {
  return {
    async mark(): Promise<Date | undefined> {
      return (await db.read.pollerMark.findUnique({ where: { name: MARK } }))?.mark;
    },
    async advance(to: Date): Promise<void> {
      await db.write(async (tx) => {
        const moved = await tx.pollerMark.updateMany({ where: { name: MARK, mark: { lt: to } }, data: { mark: to } });
        if (moved.count === 0) await tx.pollerMark.upsert({ where: { name: MARK }, create: { name: MARK, mark: to }, update: {} });
      });
    },
  };
}

export type ConsoleClockStore = ReturnType<typeof createConsoleClockStore>;
