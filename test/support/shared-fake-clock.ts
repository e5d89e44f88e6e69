import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One fake wall clock for several real bot processes: libfaketime (Debian package `faketime`) preloaded into each,
 * reading its offset from a file the test rewrites (re-read every second). Only the wall clock moves: Node's timers
 * run on the monotonic clock, left real, so a jump is time passing, as when a machine's clock moves on.
 */
const LIBRARIES = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1'];
export const FAKETIME_LIBRARY = LIBRARIES.find((p) => existsSync(p));

export class SharedFakeClock {
  private offsetSec: number;
  readonly file: string;

  constructor(dir: string, startAt: Date) {
    this.file = join(dir, 'faketime.rc');
    this.offsetSec = Math.round((startAt.getTime() - Date.now()) / 1000);
    this.write();
  }

  /** The processes' environment: the library, the file, a one-second cache, real monotonic time. */
  env(): Record<string, string> {
    if (!FAKETIME_LIBRARY) throw new Error('libfaketime not installed (apt-get install faketime)');
    return { LD_PRELOAD: FAKETIME_LIBRARY, FAKETIME_TIMESTAMP_FILE: this.file, FAKETIME_CACHE_DURATION: '1', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
  }

  now(): Date {
    return new Date(Date.now() + this.offsetSec * 1000);
  }

  /** Moves every process's wall clock on (they see it within a second). */
  advance(ms: number): void {
    this.offsetSec += Math.round(ms / 1000);
    this.write();
  }

  private write(): void {
    writeFileSync(this.file, `${this.offsetSec >= 0 ? '+' : ''}${this.offsetSec}\n`);
  }
}
