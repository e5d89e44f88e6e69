import { createInterface } from 'node:readline';
import type { FormField, FormView } from '../../application/chat/view.ts';
import { t } from '../../templates.ts';
import type { ConsoleSession } from './console-session.ts';
import { valueFor, type FormInput } from './form-values.ts';
import { ConsoleInputError } from './input-error.ts';
import { runCommand, type CommandContext, type ConsoleUser } from './repl-commands.ts';
import type { ConsoleClockControl } from './time-commands.ts';

export interface ReplOptions {
  session: ConsoleSession;
  input: NodeJS.ReadableStream;
  write(text: string): void;
  users(): Promise<ConsoleUser[]>;
  /** Prompts after each line (a terminal); piped input gets none. */
  interactive: boolean;
  /** Stops reading (the bot is stopping). */
  signal?: AbortSignal;
  /** The console's clock a person drives (/time, /next). */
  clock?: ConsoleClockControl;
}

interface GuidedForm {
  form: FormView;
  index: number;
  values: FormInput;
}

function askLine(field: FormField): string {
  const required = 'required' in field && field.required ? ` (${t('console.required')})` : '';
  const choices =
    'options' in field ? t('console.guided.choices', { options: field.options.map((o) => `${o.value}=${o.label}`).join(' / ') }) : '';
  return t('console.guided.ask', { label: field.label, required, choices });
}

/** One answer to the field being asked; the next state, or undefined when the form is done or cancelled. */
async function answerField(session: ConsoleSession, state: GuidedForm, line: string, write: (s: string) => void): Promise<GuidedForm | undefined> {
  const answer = line.trim();
  if (answer === '/cancel') return void write(`${t('console.guided.cancelled')}\n`);
  const field = state.form.fields[state.index]!;
  if (answer !== '') {
    valueFor(field, answer); // checks a choice now, so the same field is asked again
    state.values[field.id] = answer;
  } else if ('required' in field && field.required && !field.initial) {
    throw new ConsoleInputError(t('console.error.missingField', { label: field.label }));
  }
  if (state.index + 1 < state.form.fields.length) return { ...state, index: state.index + 1 };
  await session.submit(state.values);
  return undefined;
}

function promptText(options: ReplOptions, guided: GuidedForm | undefined): string | undefined {
  if (guided) {
    const ask = askLine(guided.form.fields[guided.index]!);
    return options.interactive ? ask : `${ask}\n`;
  }
  if (!options.interactive) return undefined;
  const user = options.session.currentUser;
  return user ? t('console.prompt', { user }) : t('console.noUserPrompt');
}

/**
 * The interactive console on a line stream: `/as w02` picks the user, plain text is sent as them, slash commands
 * press buttons, submit forms and show inboxes (see console.help). Resolves on /quit or at the end of the input,
 * so piped input (`printf '/as w02\n残り\n' | npm start`) runs and exits.
 */
export async function runRepl(options: ReplOptions): Promise<void> {
  const { session, write } = options;
  const lines = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
  const close = () => lines.close();
  options.signal?.addEventListener('abort', close, { once: true });
  let guided: GuidedForm | undefined;
  const ctx: CommandContext = {
    session,
    write,
    users: options.users,
    ...(options.clock ? { clock: options.clock } : {}),
    startGuidedForm: () => {
      const form = session.openForm()!;
      write(`${t('console.guided.start', { title: form.title })}\n`);
      guided = { form, index: 0, values: {} };
    },
  };
  const prompt = () => {
    const text = promptText(options, guided);
    if (text) write(text);
  };
  write(`${t('console.ready')}\n`);
  prompt();
  try {
    for await (const raw of lines) {
      const line = raw.replace(/\r$/, '').trim();
      try {
        if (guided) guided = await answerField(session, guided, line, write);
        else if (line.startsWith('/')) {
          if ((await runCommand(ctx, line)) === 'quit') break;
        } else if (line !== '') await session.say(line);
      } catch (e) {
        if (!(e instanceof ConsoleInputError)) throw e;
        write(`${e.message}\n`);
      }
      prompt();
    }
  } finally {
    options.signal?.removeEventListener('abort', close);
    lines.close();
  }
  write(`${t('console.bye')}\n`);
}
