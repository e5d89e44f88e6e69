import type { LogFields, Logger } from '../../application/ports.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

const RESERVED = new Set(['t', 'level', 'msg']);

/** A field named like the line's own keys (a doubt's escalation `level`) is written as `field.<name>`, never over them. */
function ownFields(fields: LogFields): LogFields {
  if (!Object.keys(fields).some((k) => RESERVED.has(k))) return fields;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [RESERVED.has(k) ? `field.${k}` : k, v]));
}

/** JSON lines on stderr, so stdout stays for command output (e.g. `--json`). */
export function createLogger(minLevel: Level | 'silent', write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = minLevel === 'silent' ? Infinity : LEVELS.indexOf(minLevel);
  const log = (level: Level) => (message: string, fields: LogFields = {}) => {
    if (LEVELS.indexOf(level) < min) return;
    write(`${JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...ownFields(fields) })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
