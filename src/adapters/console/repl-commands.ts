import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { t } from '../../templates.ts';
import type { ConsoleSession } from './console-session.ts';
import type { FormInput } from './form-values.ts';
import { ConsoleInputError } from './input-error.ts';
import { nextCommand, timeCommand, type ConsoleClockControl } from './time-commands.ts';

export interface ConsoleUser {
  id: string;
  displayName: string;
  consoleRef?: string;
}

export interface CommandContext {
  session: ConsoleSession;
  write(text: string): void;
  users(): Promise<ConsoleUser[]>;
  /** Starts the field-by-field prompt for the open form. */
  startGuidedForm(): void;
  /** The console's clock (/time, /next), when the bot runs on one a person drives. */
  clock?: ConsoleClockControl;
}

/** What a command asks the reader to do next. */
export type CommandResult = 'continue' | 'quit';

/** Splits `a=1 b="x y"` into tokens, keeping quoted spaces. */
export function tokenize(text: string): string[] {
  const tokens = text.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  return tokens.map((tok) => tok.replace(/"/g, ''));
}

export function parseAssignments(args: string[], line: string): FormInput {
  const values: FormInput = {};
  for (const arg of args) {
    const at = arg.indexOf('=');
    if (at <= 0) throw new ConsoleInputError(t('console.error.badArgs', { line }));
    values[arg.slice(0, at)] = arg.slice(at + 1);
  }
  return values;
}

async function showUsers(ctx: CommandContext): Promise<void> {
  const users = await ctx.users();
  if (users.length === 0) return ctx.write(`${t('console.noUsers')}\n`);
  const lines = users.map((u) => t('console.userLine', { id: u.consoleRef ?? u.id, name: u.displayName }));
  ctx.write(`${[t('console.users'), ...lines].join('\n')}\n`);
}

function showInbox(ctx: CommandContext, who: string | undefined): void {
  const ref = who ?? ctx.session.currentUser;
  if (!ref) throw new ConsoleInputError(t('console.error.noUser'));
  const messages = ctx.session.inbox(ref);
  if (messages.length === 0) return ctx.write(`${t('console.inboxEmpty', { user: ref })}\n`);
  ctx.write(`${messages.map((m) => `[${m.ref}]\n${m.text}`).join('\n\n')}\n`);
}

async function press(ctx: CommandContext, args: string[], line: string): Promise<void> {
  const n = Number(args[0]);
  if (!Number.isInteger(n) || n < 1) throw new ConsoleInputError(t('console.error.badArgs', { line }));
  await ctx.session.press(n, args[1]);
}

async function form(ctx: CommandContext, args: string[], line: string): Promise<void> {
  if (args.length === 0) {
    if (!ctx.session.openForm()) throw new ConsoleInputError(t('console.error.noForm', { user: ctx.session.currentUser ?? '' }));
    return ctx.startGuidedForm();
  }
  await ctx.session.submit(parseAssignments(args, line));
}

/** `/as zz`: only someone the console knows (what /users lists). */
async function checkUser(ctx: CommandContext, ref: string): Promise<void> {
  const users = await ctx.users();
  if (users.some((u) => (u.consoleRef ?? u.id) === ref)) return;
  throw new ConsoleInputError(users.length === 0 ? t('console.noUsers') : t('console.error.unknownUser', { user: ref }));
}

/** Runs one slash command. Unknown commands and bad arguments throw ConsoleInputError. */
export async function runCommand(ctx: CommandContext, line: string): Promise<CommandResult> {
  const [head = '', ...args] = tokenize(line.slice(1));
  const rest = line.slice(1 + head.length).trim();
  const name = head.toLowerCase();
  if (/^\d+$/.test(name)) await ctx.session.press(Number(name), args[0]);
  else if (name === 'as') {
    if (!args[0]) throw new ConsoleInputError(t('console.error.badArgs', { line }));
    await checkUser(ctx, args[0]);
    ctx.session.as(args[0]);
    ctx.write(`${t('console.switched', { user: args[0] })}\n`);
  } else if (name === 'press') await press(ctx, args, line);
  else if (name === 'form' || name === 'submit') await form(ctx, args, line);
  else if (name === 'ch') await ctx.session.say(rest, { channel: 'bureau' });
  else if (name === 'attach') {
    if (!args[0]) throw new ConsoleInputError(t('console.error.badArgs', { line }));
    if (!existsSync(resolve(args[0]))) throw new ConsoleInputError(t('console.error.noFile', { file: args[0], dir: process.cwd() }));
    await ctx.session.attach(args[0], args.slice(1).join(' '));
  } else if (name === 'inbox') showInbox(ctx, args[0]);
  else if (name === 'users') await showUsers(ctx);
  else if (name === 'time') await timeCommand(ctx.clock, args, ctx.write);
  else if (name === 'next') await nextCommand(ctx.clock, ctx.write);
  else if (name === 'help') ctx.write(`${t('console.help')}\n`);
  else if (name === 'quit' || name === 'exit') return 'quit';
  else throw new ConsoleInputError(t('console.error.unknownCommand', { command: `/${head}` }));
  return 'continue';
}
