import { constants, setPriority } from 'node:os';

/**
 * Batch commands (import, report) run at below-normal CPU priority: on the bot's host they take the CPU only
 * when the bot does not need it, so its acknowledgements keep their pace (bench/ack-under-load.bench.ts). The
 * work still gets done at full speed on an idle machine. (On Linux this sets the calling thread, the one doing
 * the work; a platform that refuses is left at its priority.)
 */
export function runAsBatch(): void {
  try {
    setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not allowed here: the command runs at normal priority, as before
  }
}
