import { canonicalCommand } from './keywords.ts';
import type { ButtonHandler, ChatRoutes, ChatTurn, FormHandler, FormOpener, FormValidator, TextHandler } from '../dispatcher.ts';

/** A text route answers when it recognises the text (true) and lets the next one try otherwise (false). */
export type TextRoute = (turn: ChatTurn, text: string) => Promise<boolean>;

/** What one feature adds to the chat: its buttons, forms and text routes, declared in its own file. */
export interface RouteModule {
  name: string;
  buttons?: Record<string, ButtonHandler>;
  forms?: Record<string, FormHandler>;
  formOpeners?: Record<string, FormOpener>;
  /** Checks of a submitted form shown on the form itself where the platform can (Slack). */
  formValidators?: Record<string, FormValidator>;
  /** Tried in module order, then in the order listed here. */
  text?: TextRoute[];
}

function merge<T>(modules: RouteModule[], pick: (m: RouteModule) => Record<string, T> | undefined, what: string): Record<string, T> {
  const out: Record<string, T> = {};
  const owner = new Map<string, string>();
  for (const m of modules) {
    for (const [id, handler] of Object.entries(pick(m) ?? {})) {
      if (owner.has(id)) throw new Error(`${what} '${id}' registered by both ${owner.get(id)} and ${m.name}`);
      owner.set(id, m.name);
      out[id] = handler;
    }
  }
  return out;
}

/**
 * The dispatcher's routes from every feature's module. Ids must be unique across modules (a clash is a
 * programming error, thrown at start-up). Text starting with a spelling of a command (しんちょく, じこ, help …) is
 * read with the command in its place; text nobody recognises goes to `fallback` as it was typed.
 */
export function combineRoutes(modules: RouteModule[], fallback: TextHandler): ChatRoutes {
  const textRoutes = modules.flatMap((m) => m.text ?? []);
  return {
    buttons: merge(modules, (m) => m.buttons, 'button'),
    forms: merge(modules, (m) => m.forms, 'form'),
    formOpeners: merge(modules, (m) => m.formOpeners, 'form opener'),
    formValidators: merge(modules, (m) => m.formValidators, 'form validator'),
    text: async (turn, typed) => {
      const text = canonicalCommand(typed);
      for (const route of textRoutes) if (await route(turn, text)) return;
      await fallback(turn, typed);
    },
  };
}
