import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../application/ports.ts';

const MAX_LINE = 500;

function describe(parts: unknown[]): string {
  const text = parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : typeof p))
    .join(' ');
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
}

/**
 * Bolt's and the WebClient's logger, writing to ours. Their debug level dumps request and response bodies,
 * which carry personal data: it is dropped. Objects are reduced to their type for the same reason.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.info(`slack: ${describe(msg)}`),
    warn: (...msg: unknown[]) => logger.warn(`slack: ${describe(msg)}`),
    error: (...msg: unknown[]) => logger.error(`slack: ${describe(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
