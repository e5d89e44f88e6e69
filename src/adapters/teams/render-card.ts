import type { Block, Button, FormField, FormView, MessageView } from '../../application/chat/view.ts';
import { t } from '../../templates.ts';
import { packElements, type CardElement } from './split-card.ts';

export type { CardElement };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Marks the data of every Action.Submit this bot renders, so inbound translation knows its own cards. */
export const SUBMIT_MARK = 'kaiheisen';
/** Keys of a form's Action.Submit data; a field id may not reuse them. */
export const FORM_DATA_KEYS = ['formId', 'state', SUBMIT_MARK, 'multi', 'actionId', 'value'] as const;

export function adaptiveCard(body: CardElement[], actions?: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * Texts are plain: TextBlock runs a Markdown subset, so emphasis and link characters are escaped and a single
 * line break is doubled (Markdown joins single-newline lines into one paragraph).
 */
export function cardText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/([\\*_[\]])/g, '\\$1').replace(/\n/g, '\n\n');
}

const textBlock = (text: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: cardText(text), wrap: true, ...extra });

function buttonAction(b: Button): CardElement {
  const style = b.style === 'primary' ? 'positive' : b.style === 'danger' ? 'destructive' : undefined;
  return {
    type: 'Action.Submit',
    title: b.label,
    ...(style ? { style } : {}),
    data: { actionId: b.actionId, value: b.value, [SUBMIT_MARK]: true },
  };
}

function blockElement(block: Exclude<Block, { type: 'divider' }>): CardElement {
  switch (block.type) {
    case 'header':
      return textBlock(block.text, { size: 'Medium', weight: 'Bolder' });
    case 'text':
      return textBlock(block.text);
    case 'fields':
      return { type: 'FactSet', facts: block.fields.map((f) => ({ title: cardText(f.label), value: cardText(f.value) })) };
    case 'actions':
      return { type: 'ActionSet', actions: block.buttons.map(buttonAction) };
    case 'context':
      return textBlock(block.text, { size: 'Small', isSubtle: true });
  }
}

/** The body elements of a view; a divider becomes `separator` on the element after it. */
export function messageElements(view: MessageView): CardElement[] {
  const out: CardElement[] = [];
  let separate = false;
  for (const block of view.blocks) {
    if (block.type === 'divider') {
      separate = out.length > 0;
      continue;
    }
    const el = blockElement(block);
    out.push(separate ? { ...el, separator: true } : el);
    separate = false;
  }
  return out;
}

/** A view as one or more cards, each under Teams' size limit (a long morning list becomes several messages). */
export function renderMessageCards(view: MessageView, maxCardBytes?: number): AdaptiveCard[] {
  const elements = messageElements(view);
  if (elements.length === 0) elements.push(textBlock(view.summary));
  return packElements(elements, maxCardBytes).map((body) => adaptiveCard(body));
}

function fieldInput(f: FormField): CardElement {
  const base = { id: f.id, label: f.label };
  if (f.type === 'checkboxes') {
    const choices = f.options.map((o) => ({ title: o.label, value: o.value }));
    return { type: 'Input.ChoiceSet', ...base, style: 'expanded', isMultiSelect: true, choices, ...(f.initial?.length ? { value: f.initial.join(',') } : {}) };
  }
  const required = f.required ? { isRequired: true, errorMessage: t('teams.form.required', { label: f.label }) } : {};
  const initial = f.initial !== undefined && f.initial !== '' ? { value: f.initial } : {};
  if (f.type === 'select') {
    const choices = f.options.map((o) => ({ title: o.label, value: o.value }));
    return { type: 'Input.ChoiceSet', ...base, style: 'compact', choices, placeholder: t('teams.form.choose'), ...required, ...initial };
  }
  const hint = f.hint ? { placeholder: f.hint } : {};
  if (f.type === 'number') {
    const value = f.initial !== undefined && f.initial !== '' && Number.isFinite(Number(f.initial)) ? { value: Number(f.initial) } : {};
    return { type: 'Input.Number', ...base, ...hint, ...required, ...value };
  }
  return { type: 'Input.Text', ...base, ...(f.type === 'textarea' ? { isMultiline: true } : {}), ...hint, ...required, ...initial };
}

/** A form as a card with inputs; Action.Submit carries formId and state, Teams adds the input values beside them. */
export function renderFormCard(form: FormView): AdaptiveCard {
  const clash = form.fields.find((f) => (FORM_DATA_KEYS as readonly string[]).includes(f.id));
  if (clash) throw new Error(`form ${form.formId}: field id "${clash.id}" is reserved for the submit data`);
  const multi = form.fields.filter((f) => f.type === 'checkboxes').map((f) => f.id);
  const submit = {
    type: 'Action.Submit',
    title: form.submitLabel,
    style: 'positive',
    data: { formId: form.formId, state: form.state, [SUBMIT_MARK]: true, ...(multi.length ? { multi } : {}) },
  };
  return adaptiveCard([textBlock(form.title, { size: 'Medium', weight: 'Bolder' }), ...form.fields.map(fieldInput)], [submit]);
}

/** What a submitted form card is replaced with, so it cannot be sent twice. */
export function submittedCard(): AdaptiveCard {
  return adaptiveCard([textBlock(t('teams.form.submitted'), { isSubtle: true })]);
}
