import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundEnvelope, InboundFile } from '../../application/chat/ports.ts';
import { ACTION_ID_SUFFIX } from './render-blocks.ts';
import { readSubmission, type SubmittedState } from './render-modal.ts';

/** What translation needs besides the payload. */
export interface TranslateContext {
  /** The bureau channel (complaints are taken there); messages in other channels are ignored. */
  bureauChannelId?: string;
  /** The bot's own user id: its messages are never events. */
  botUserId?: string;
  now(): Date;
}

const fileSchema = z.object({ id: z.string(), name: z.string().optional(), mimetype: z.string().optional() });

const messageEvent = z.object({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional().default(''),
  channel: z.string(),
  channel_type: z.string().optional(),
  files: z.array(fileSchema).optional(),
});

const eventCallback = z.object({ type: z.literal('event_callback'), event_id: z.string(), event: z.unknown() });

/** Message subtypes that are a person writing; everything else (edits, deletions, joins, bots) is ignored. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

const toFiles = (files?: z.infer<typeof fileSchema>[]): InboundFile[] | undefined =>
  files?.length ? files.map((f) => ({ ref: f.id, name: f.name, mimeType: f.mimetype })) : undefined;

/** Slack's message text → plain text: links unwrapped to their label, the bot's mention removed, entities decoded. */
export function plainText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join('') : text;
  return withoutBot
    .replace(/<((?:https?|mailto|tel):[^>|]*)\|([^>]*)>/g, '$2')
    .replace(/<((?:https?|mailto|tel):[^>|]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Where a message counts: a DM, the bureau channel, or (app_mention) any other channel the bot is in. */
function placeOf(e: z.infer<typeof messageEvent>, ctx: TranslateContext): { inChannel: boolean } | undefined {
  const inBureau = ctx.bureauChannelId !== undefined && e.channel === ctx.bureauChannelId;
  if (e.type === 'app_mention') return inBureau ? undefined : { inChannel: false }; // the message event covers the bureau
  if (e.channel_type === 'im') return { inChannel: false };
  return inBureau ? { inChannel: true } : undefined;
}

/** message.im / message in the bureau channel / app_mention → a text envelope; anything else → undefined. */
export function translateEvent(body: unknown, ctx: TranslateContext): InboundEnvelope | undefined {
  const wrapper = eventCallback.safeParse(body);
  if (!wrapper.success) return undefined;
  const parsed = messageEvent.safeParse(wrapper.data.event);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  if (!PERSON_SUBTYPES.has(e.subtype) || e.bot_id || !e.user || e.user === ctx.botUserId) return undefined;
  const place = placeOf(e, ctx);
  if (!place) return undefined;
  const files = toFiles(e.files);
  return {
    platform: 'slack',
    eventKey: wrapper.data.event_id,
    userRef: e.user,
    conversationRef: e.channel,
    inChannel: place.inChannel,
    receivedAt: ctx.now(),
    payload: { type: 'text', text: plainText(e.text, ctx.botUserId), ...(files ? { files } : {}) },
  };
}

const blockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional() }).passthrough().optional(),
  actions: z
    .array(z.object({ type: z.string(), action_id: z.string(), action_ts: z.string(), value: z.string().optional() }))
    .min(1),
});

/** A button press → a button envelope (eventKey `${action_ts}:${user}`); other interactive elements → undefined. */
export function translateBlockAction(body: unknown, ctx: TranslateContext): InboundEnvelope | undefined {
  const parsed = blockActions.safeParse(body);
  if (!parsed.success) return undefined;
  const { user, channel, container, actions } = parsed.data;
  const action = actions[0]!;
  if (action.type !== 'button') return undefined;
  const conversationRef = channel?.id ?? container?.channel_id;
  return {
    platform: 'slack',
    eventKey: `${action.action_ts}:${user.id}`,
    userRef: user.id,
    ...(conversationRef ? { conversationRef } : {}),
    inChannel: conversationRef !== undefined && conversationRef === ctx.bureauChannelId,
    receivedAt: ctx.now(),
    payload: { type: 'button', actionId: action.action_id.replace(ACTION_ID_SUFFIX, ''), value: action.value ?? '' },
  };
}

const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: z.string() }),
  view: z.object({
    id: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().optional().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string() }).passthrough())) }),
  }),
});

/**
 * A modal submission → a form envelope. Slack does not retry interactions, but a double click submits twice:
 * the key is the view id plus a digest of the values, so the same submission is stored once and a corrected
 * resubmission (after field errors) is a new event.
 */
export function translateViewSubmission(body: unknown, ctx: TranslateContext): InboundEnvelope | undefined {
  const parsed = viewSubmission.safeParse(body);
  if (!parsed.success) return undefined;
  const { user, view } = parsed.data;
  const state = view.state.values as SubmittedState;
  const digest = createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 16);
  const { values, files } = readSubmission(state);
  return {
    platform: 'slack',
    eventKey: `view:${view.id}:${digest}`,
    userRef: user.id,
    inChannel: false,
    receivedAt: ctx.now(),
    payload: { type: 'form', formId: view.callback_id, state: view.private_metadata, values, ...(files.length ? { files } : {}) },
  };
}
