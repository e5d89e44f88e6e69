import type { Block, Button, FormField, FormView, MessageView } from '../../application/chat/view.ts';
import type { PlatformTarget } from '../../application/chat/ports.ts';
import { t } from '../../templates.ts';

/** A message as the console shows it: plain text whose buttons are numbered [1], [2] … in reading order. */
export interface RenderedMessage {
  text: string;
  /** buttons[i] is the one shown as [i + 1]. */
  buttons: Button[];
}

export const BUREAU_CHANNEL = 'bureau';

/** "── w02 宛 ──", "── 局チャンネル ──". */
export function headingOf(target: PlatformTarget): string {
  if (target.kind === 'user') return t('console.toUser', { user: target.userRef });
  return target.channelRef === BUREAU_CHANNEL ? t('console.toBureau') : t('console.toChannel', { channel: target.channelRef });
}

function renderBlock(block: Block, buttons: Button[]): string[] {
  switch (block.type) {
    case 'header':
      return [`■ ${block.text}`];
    case 'text':
      return block.text.split('\n');
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`);
    case 'context':
      return [`(${block.text})`];
    case 'divider':
      return ['────────'];
    case 'actions':
      return [
        block.buttons
          .map((b) => {
            buttons.push(b);
            return `[${buttons.length}] ${b.label}`;
          })
          .join('  '),
      ];
  }
}

/** Renders a view; `updated` marks a message that replaced an earlier version of itself. */
export function renderMessage(view: MessageView, options: { updated?: boolean } = {}): RenderedMessage {
  const buttons: Button[] = [];
  const lines = view.blocks.length > 0 ? view.blocks.flatMap((b) => renderBlock(b, buttons)) : [view.summary];
  if (options.updated) lines[0] = `${t('console.updated')} ${lines[0] ?? ''}`.trimEnd();
  return { text: lines.join('\n'), buttons };
}

function fieldLines(field: FormField): string[] {
  const required = 'required' in field && field.required ? ` (${t('console.required')})` : '';
  const lines = [t('console.form.field', { id: field.id, label: field.label, required })];
  if ('hint' in field && field.hint) lines.push(t('console.form.hint', { hint: field.hint }));
  if ('options' in field) {
    const options = field.options.map((o) => (o.value === o.label ? o.value : `${o.value}=${o.label}`)).join(' / ');
    lines.push(t('console.form.options', { options }));
  }
  const initial = Array.isArray(field.initial) ? field.initial.join(',') : field.initial;
  if (initial) lines.push(t('console.form.initial', { value: initial }));
  return lines;
}

/** A form as a list of fields with how to answer it. */
export function renderForm(form: FormView): string {
  return [
    t('console.form.heading', { title: form.title }),
    ...form.fields.flatMap(fieldLines),
    t('console.form.howTo', { submit: form.submitLabel }),
  ].join('\n');
}
