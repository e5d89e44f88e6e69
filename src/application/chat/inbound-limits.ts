import { t } from '../../templates.ts';
import type { InboundEnvelope, InboundPayload } from './ports.ts';
import type { Platform } from './view.ts';

/** A message text's limit: characters (code points, as people count them) or UTF-8 bytes. */
export interface TextLimit {
  unit: 'chars' | 'utf8Bytes';
  max: number;
}

/** How large an inbound event may be on one platform. */
export interface InboundLimits {
  text: TextLimit;
  /** A button's value, in characters. */
  buttonValueChars: number;
  /** One form field's value, and each item of a multi-select, in characters. */
  formValueChars: number;
  /** The state a form carries back, in characters. */
  formStateChars: number;
  /** Fields of one submitted form, and items of one multi-select. */
  formFields: number;
  formItems: number;
}

/**
 * The platforms' own limits, so nothing a platform really delivers is refused and nothing larger is handled.
 * Slack: message text 40,000 characters (longer is cut by Slack), button `value` 2,000, plain_text_input 3,000,
 * private_metadata 3,000, 100 blocks in a view, 100 options in a select. Teams: a message is at most ~28 KB; its
 * cards have no per-value limit of their own below that, so Slack's value bounds apply (the core's own button values
 * stay under 2,000, see view.ts). The console stands in for Slack.
 */
const SLACK: InboundLimits = {
  text: { unit: 'chars', max: 40_000 },
  buttonValueChars: 2_000,
  formValueChars: 3_000,
  formStateChars: 3_000,
  formFields: 100,
  formItems: 100,
};

export const INBOUND_LIMITS: Readonly<Record<Platform, InboundLimits>> = {
  slack: SLACK,
  teams: { ...SLACK, text: { unit: 'utf8Bytes', max: 28 * 1024 } },
  console: SLACK,
};

/** Why an inbound event is refused before any route sees it. */
export type InboundRefusal =
  | { kind: 'text'; limit: TextLimit; size: number }
  | { kind: 'buttonValue'; max: number }
  | { kind: 'formValue'; max: number }
  | { kind: 'formShape' };

/** The size of `text` in `unit`; counting stops once past `max` (the size is then above max, not exact). */
export function measure(text: string, unit: TextLimit['unit'], max = Infinity): number {
  let size = 0;
  for (let i = 0; i < text.length && size <= max; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) i += 1;
    size += unit === 'chars' ? 1 : pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return size;
}

/** Whether `text` has more than `max` characters (a text of at most `max` UTF-16 units never has). */
const longer = (text: string, max: number): boolean => text.length > max && measure(text, 'chars', max) > max;

function formRefusal(payload: Extract<InboundPayload, { type: 'form' }>, limits: InboundLimits): InboundRefusal | undefined {
  const entries = Object.entries(payload.values);
  if (entries.length > limits.formFields) return { kind: 'formShape' };
  if (longer(payload.state, limits.formStateChars)) return { kind: 'formShape' };
  for (const [, value] of entries) {
    if (Array.isArray(value) && value.length > limits.formItems) return { kind: 'formShape' };
    const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (items.some((item) => longer(item, limits.formValueChars))) return { kind: 'formValue', max: limits.formValueChars };
  }
  return undefined;
}

/** What is over the platform's limits in the event, if anything. */
export function inboundRefusal(envelope: InboundEnvelope): InboundRefusal | undefined {
  const limits = INBOUND_LIMITS[envelope.platform];
  const p = envelope.payload;
  if (p.type === 'text') {
    const size = measure(p.text, limits.text.unit);
    return size > limits.text.max ? { kind: 'text', limit: limits.text, size } : undefined;
  }
  if (p.type === 'button') return longer(p.value, limits.buttonValueChars) ? { kind: 'buttonValue', max: limits.buttonValueChars } : undefined;
  return formRefusal(p, limits);
}

const thousands = (n: number): string => n.toLocaleString('en-US');

function limitText(limit: TextLimit): string {
  if (limit.unit === 'chars') return t('inboundLimits.chars', { count: thousands(limit.max) });
  // Japanese text is 3 bytes a character in UTF-8: the rough count people can act on.
  return t('inboundLimits.bytes', { kb: Math.round(limit.max / 1024), chars: thousands(Math.floor(limit.max / 3 / 500) * 500) });
}

/** The answer to the sender, in Japanese. */
export function refusalText(refusal: InboundRefusal): string {
  switch (refusal.kind) {
    case 'text': {
      const size = refusal.limit.unit === 'chars' ? t('inboundLimits.chars', { count: thousands(refusal.size) }) : t('inboundLimits.sizeBytes', { kb: (refusal.size / 1024).toFixed(1) });
      return t('inboundLimits.textTooLong', { limit: limitText(refusal.limit), size });
    }
    case 'buttonValue':
      return t('inboundLimits.buttonValueTooLong', { count: thousands(refusal.max) });
    case 'formValue':
      return t('inboundLimits.formValueTooLong', { count: thousands(refusal.max) });
    case 'formShape':
      return t('inboundLimits.formTooLarge');
  }
}
