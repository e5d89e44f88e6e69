import type { ButtonHandler, ChatRoutes, ChatTurn, FormHandler, FormOpener, FormValidator } from '../dispatcher.ts';
import type { IntentHandler, IntentHandlers, IntentKind, QuestionLookups } from '../intents/intent.ts';
import { messageOf, recognise, type ParseText } from '../intents/recognise.ts';

/** What one feature adds to the chat: its buttons, forms and intent handlers, declared in its own file. */
export interface RouteModule {
  name: string;
  buttons?: Record<string, ButtonHandler>;
  forms?: Record<string, FormHandler>;
  formOpeners?: Record<string, FormOpener>;
  /** Checks of a submitted form shown on the form itself where the platform can (Slack). */
  formValidators?: Record<string, FormValidator>;
  /** What the feature does with each intent it handles (the intents are read in chat-surface.ts, once per message). */
  intents?: IntentHandlers;
  /** The questions the feature asks and waits for an answer to: context for recognising the next message. */
  questions?: QuestionLookups;
  /**
   * Before a message is recognised: an event whose effects the feature committed already (a replay after a crash)
   * is answered as the first time (true), instead of being read again in the context it changed.
   */
  replays?: (turn: ChatTurn) => Promise<boolean>;
  /** After any message's handler: what the feature still waits for is asked again if the message was about else. */
  resume?: (turn: ChatTurn, handled: IntentKind) => Promise<void>;
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

function hasFiles(turn: ChatTurn): boolean {
  const p = turn.envelope.payload;
  return (p.type === 'text' || p.type === 'form') && (p.files?.length ?? 0) > 0;
}

export interface SurfaceDefaults {
  /** The reply parser, run at most once per message. */
  parse?: ParseText;
  /** Answers to intents no feature handles (help, 残り, the parser's echo); `unknown` answers text nobody recognised. */
  handlers: IntentHandlers & { unknown: IntentHandler<'unknown'> };
}

/**
 * The dispatcher's routes from every feature's module. Ids and intents must be unique across modules (a clash is a
 * programming error, thrown at start-up). A text message is recognised once (chat-surface.ts), in the context of
 * the questions the features wait answers to, and goes to its intent's one handler.
 */
export function combineRoutes(modules: RouteModule[], defaults: SurfaceDefaults): ChatRoutes {
  const handlers = merge(modules, (m) => m.intents as Record<string, IntentHandler> | undefined, 'intent');
  const questions: QuestionLookups = Object.assign({}, ...modules.map((m) => m.questions ?? {}));
  const replays = modules.flatMap((m) => (m.replays ? [m.replays] : []));
  const resumes = modules.flatMap((m) => (m.resume ? [m.resume] : []));
  const handlerOf = (kind: IntentKind): IntentHandler =>
    (handlers[kind] ?? (defaults.handlers as Record<string, IntentHandler>)[kind] ?? defaults.handlers.unknown) as IntentHandler;
  return {
    buttons: merge(modules, (m) => m.buttons, 'button'),
    forms: merge(modules, (m) => m.forms, 'form'),
    formOpeners: merge(modules, (m) => m.formOpeners, 'form opener'),
    formValidators: merge(modules, (m) => m.formValidators, 'form validator'),
    text: async (turn, typed) => {
      for (const replay of replays) if (await replay(turn)) return;
      const message = messageOf({ questions, ...(defaults.parse ? { parse: defaults.parse } : {}) }, turn.person.id, typed, hasFiles(turn));
      const intent = await recognise(message);
      await handlerOf(intent.kind)(turn, intent);
      for (const resume of resumes) await resume(turn, intent.kind);
    },
  };
}
