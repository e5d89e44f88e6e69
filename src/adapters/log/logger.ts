import type { LogFields, Logger } from '../../application/ports.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** JSON lines on stderr, so stdout stays for command output (e.g. `--json`). */
export function createLogger(minLevel: Level | 'silent', write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = minLevel === 'silent' ? Infinity : LEVELS.indexOf(minLevel);
  const log = (level: Level) => (message: string, fields: LogFields = {}) => {
    if (LEVELS.indexOf(level) < min) return;
    write(`${JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...fields })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
