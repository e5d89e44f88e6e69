import type { CliDeps } from './index.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';

type Input = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export const inputOf = (deps: CliDeps): Input => (deps.stdin ?? process.stdin) as Input;

/** Everything on stdin, without the final line break (`--password-stdin`). */
export async function readAllStdin(input: Input): Promise<string> {
  let text = '';
  input.setEncoding?.('utf8');
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text.replace(/\r?\n$/, '');
}

/**
 * A line typed on the terminal, not echoed; null when stdin is no terminal (a script). Ctrl+C (raw mode turns it into
 * a character, not a SIGINT) stops the command: an Interrupted error, before anything is written.
 */
export function promptHidden(deps: CliDeps, prompt: string): Promise<string | null> {
  const input = inputOf(deps);
  if (!input.isTTY || !input.setRawMode) return Promise.resolve(null);
  deps.err(prompt);
  input.setRawMode(true);
  input.setEncoding?.('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      deps.err('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    function onData(chunk: string | Buffer) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new AppError(ErrorCode.Interrupted, t('cli.interrupted')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    }
    input.on('data', onData);
  });
}
