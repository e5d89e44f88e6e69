import type { Config } from '../config.ts';

/**
 * The morning post's time. src/config.ts does not carry it yet (MORNING_POST_TIME → `morningPostTime`); until it
 * does it is read as an optional field, so adding it there needs no change here. Undefined = the default 08:30.
 */
export function morningPostAtOf(config: Config): string | undefined {
  return (config as Config & { morningPostTime?: string }).morningPostTime;
}
