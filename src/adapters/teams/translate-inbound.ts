import { TurnContext, type Activity, type Attachment } from 'botbuilder';
import { own, setOwn } from '../../application/chat/own-keys.ts';
import type { InboundEnvelope, InboundFile, InboundPayload } from '../../application/chat/ports.ts';
import { CARD_CONTENT_TYPE, SUBMIT_MARK } from './render-card.ts';

/**
 * Teams activity → InboundEnvelope. Cards use Action.Submit (not Universal Actions' Action.Execute): a press or a
 * form submit arrives as a message activity whose `value` is the button's data, with the inputs' values beside it.
 * Returns undefined for activities that carry nothing for the chat core (typing, reactions, our own empty posts).
 */
export function translateInbound(activity: Activity, receivedAt: Date): InboundEnvelope | undefined {
  if (activity.type !== 'message' || !activity.id) return undefined;
  const userRef = activity.from?.aadObjectId ?? activity.from?.id;
  if (!userRef) return undefined;
  const payload = submitPayload(activity.value) ?? textPayload(activity);
  if (!payload) return undefined;
  return {
    platform: 'teams',
    eventKey: activity.id,
    userRef,
    conversationRef: JSON.stringify(TurnContext.getConversationReference(activity)),
    inChannel: activity.conversation?.conversationType === 'channel',
    receivedAt,
    payload,
  };
}

type SubmitData = Record<string, unknown>;

function submitPayload(value: unknown): InboundPayload | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const data = value as SubmitData;
  if (data[SUBMIT_MARK] !== true) return undefined;
  if (typeof data.formId === 'string') {
    return { type: 'form', formId: data.formId, state: typeof data.state === 'string' ? data.state : '', values: formValues(data) };
  }
  if (typeof data.actionId === 'string') {
    return { type: 'button', actionId: data.actionId, value: typeof data.value === 'string' ? data.value : '' };
  }
  return undefined;
}

const RESERVED = new Set(['formId', 'state', SUBMIT_MARK, 'multi']);

/** Input values Teams merged into the submit data; multi-select choice sets arrive as "a,b" and become arrays. */
function formValues(data: SubmitData): Record<string, string | string[] | undefined> {
  const multi = new Set(Array.isArray(data.multi) ? data.multi.filter((m): m is string => typeof m === 'string') : []);
  const values: Record<string, string | string[] | undefined> = {};
  for (const [key, raw] of Object.entries(data)) {
    if (RESERVED.has(key)) continue;
    const text = raw === undefined || raw === null ? '' : String(raw);
    // Keys are the sender's: stored as own properties, never resolved through Object.prototype ('__proto__' …).
    setOwn(values, key, multi.has(key) ? (text === '' ? [] : text.split(',')) : text === '' ? undefined : text);
  }
  for (const key of multi) if (own(values, key) === undefined) setOwn(values, key, []);
  return values;
}

function textPayload(activity: Activity): InboundPayload | undefined {
  const text = plainText(activity);
  const files = (activity.attachments ?? []).map(toInboundFile).filter((f): f is InboundFile => f !== undefined);
  if (text === '' && files.length === 0) return undefined;
  return files.length > 0 ? { type: 'text', text, files } : { type: 'text', text };
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** The message text without the bot's @mention (channels; other mentions keep their name) and Teams' HTML wrapping. */
export function plainText(activity: Activity): string {
  let text = activity.text ?? '';
  if (activity.recipient?.id) {
    for (const m of TurnContext.getMentions(activity)) {
      if (m.mentioned?.id === activity.recipient.id && m.text) text = text.split(m.text).join('');
    }
  }
  text = text.replace(/<at>([^<]*)<\/at>/g, '$1');
  if (activity.textFormat && activity.textFormat !== 'plain') {
    text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/?[a-z][^>]*>/gi, '');
  }
  text = text.replace(/&(nbsp|lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e);
  return text.replace(/\u00a0/g, ' ').trim();
}

/** The user's files; the HTML copy of the message and cards (ours, quoted) are not files. */
function toInboundFile(a: Attachment): InboundFile | undefined {
  if (a.contentType === CARD_CONTENT_TYPE || a.contentType === 'text/html' || a.contentType?.startsWith('application/vnd.microsoft.card.')) {
    return undefined;
  }
  if (a.contentType === 'application/vnd.microsoft.teams.file.download.info') {
    const fileType = (a.content as { fileType?: string } | undefined)?.fileType;
    if (!a.contentUrl) return undefined;
    return { ref: a.contentUrl, ...(a.name ? { name: a.name } : {}), ...mimeOf(fileType) };
  }
  if (!a.contentUrl) return undefined;
  return { ref: a.contentUrl, ...(a.name ? { name: a.name } : {}), ...(a.contentType ? { mimeType: a.contentType } : {}) };
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', heic: 'image/heic',
  mp4: 'video/mp4', mov: 'video/quicktime', pdf: 'application/pdf',
};

function mimeOf(fileType: string | undefined): { mimeType?: string } {
  const mime = fileType ? MIME[fileType.toLowerCase()] : undefined;
  return mime ? { mimeType: mime } : {};
}
