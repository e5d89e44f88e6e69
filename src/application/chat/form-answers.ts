import { t } from '../../templates.ts';
import { keywordOf } from './routes/keywords.ts';
import type { FormField, FormView } from './view.ts';

/**
 * A form asked as a conversation, one field at a time (platforms without modals: form-conversation.ts): the question
 * of each field, and what a typed answer means for it. Pure: no storage, no sending.
 */

/** What one text answer gives the field asked. */
export type FieldAnswer =
  /** The field's value as a form submission carries it (undefined: left empty). */
  | { kind: 'value'; value: string | string[] | undefined }
  /** 「やめる」: the whole form is abandoned, nothing is submitted. */
  | { kind: 'cancel' }
  /** Not a value of the field: `reason` (Japanese) is said, and the same question asked again. */
  | { kind: 'invalid'; reason: string };

const CANCEL_WORDS = ['やめる', '止める', 'キャンセル', '中止', 'cancel'];
const SKIP_WORDS = ['なし', '無し', 'スキップ', 'skip'];

type Options = { value: string; label: string }[];

const isRequired = (field: FormField) => 'required' in field && field.required;
const initialText = (field: FormField, options?: Options): string | undefined => {
  if (field.initial === undefined) return undefined;
  const values = Array.isArray(field.initial) ? field.initial : [field.initial];
  return values.map((v) => options?.find((o) => o.value === v)?.label ?? v).join('、');
};

/** The option an answer names: its number in the list, its label or its value (width and case folded). */
function optionOf(options: Options, answer: string): string | undefined {
  const key = keywordOf(answer);
  if (/^\d+$/.test(key)) return options[Number(key) - 1]?.value;
  return options.find((o) => keywordOf(o.label) === key || keywordOf(o.value) === key)?.value;
}

function optionAnswer(options: Options, answer: string): FieldAnswer {
  const value = optionOf(options, answer);
  return value === undefined ? { kind: 'invalid', reason: t('formConversation.error.notOption', { value: answer }) } : { kind: 'value', value };
}

/** Several options, separated by 「、」, commas or spaces. */
function optionsOf(options: Options, answer: string): FieldAnswer {
  const items = answer.normalize('NFKC').split(/[,、，・\s]+/u).filter(Boolean);
  const picked: string[] = [];
  for (const item of items) {
    const one = optionAnswer(options, item);
    if (one.kind !== 'value') return one;
    if (!picked.includes(one.value as string)) picked.push(one.value as string);
  }
  return { kind: 'value', value: picked };
}

/** A number as typed on a phone: full-width digits, a sign, decimals and thousands separators are fine. */
function numberOf(answer: string): string | undefined {
  const text = answer.normalize('NFKC').replace(/[\s,]/g, '');
  return /^[-+]?\d+(\.\d+)?$/.test(text) ? text.replace(/^\+/, '') : undefined;
}

/** 「なし」/「スキップ」: the field's initial value stays; an empty field is allowed only when it is optional. */
function skipped(field: FormField): FieldAnswer {
  if (field.initial !== undefined) return { kind: 'value', value: field.initial };
  if (isRequired(field)) return { kind: 'invalid', reason: t('formConversation.error.required', { label: field.label }) };
  return { kind: 'value', value: field.type === 'checkboxes' ? [] : undefined };
}

/**
 * Reads one text answer to `field`. 「やめる」/「キャンセル」 cancel the form; an option is taken by its number or its
 * label (before 「なし」 counts as skipping: an option may be called なし); 「なし」/「スキップ」 skip an optional field or
 * keep the initial value; a number field takes a number only.
 */
export function readFieldAnswer(field: FormField, text: string): FieldAnswer {
  const answer = text.trim();
  const word = keywordOf(answer);
  if (CANCEL_WORDS.includes(word)) return { kind: 'cancel' };
  if (answer !== '' && (field.type === 'select' || field.type === 'checkboxes')) {
    const picked = field.type === 'select' ? optionAnswer(field.options, answer) : optionsOf(field.options, answer);
    if (picked.kind === 'value' || !SKIP_WORDS.includes(word)) return picked;
  }
  if (SKIP_WORDS.includes(word)) return skipped(field);
  if (answer === '') return { kind: 'invalid', reason: t('formConversation.error.empty') };
  if (field.type !== 'number') return { kind: 'value', value: answer };
  const value = numberOf(answer);
  return value === undefined ? { kind: 'invalid', reason: t('formConversation.error.notNumber', { value: answer }) } : { kind: 'value', value };
}

/** How to answer the field: its options numbered, or what kind of value; skipping, when allowed. */
function howToAnswer(field: FormField): string[] {
  const lines: string[] = [];
  if (field.type === 'select' || field.type === 'checkboxes') {
    lines.push(...field.options.map((o, i) => t('formConversation.option', { number: i + 1, label: o.label })));
    lines.push(t(field.type === 'select' ? 'formConversation.howSelect' : 'formConversation.howCheckboxes'));
  } else if (field.type === 'number') {
    lines.push(t('formConversation.howNumber'));
  }
  if (field.hint) lines.push(t('formConversation.hint', { hint: field.hint }));
  const initial = initialText(field, 'options' in field ? field.options : undefined);
  if (initial !== undefined) lines.push(t('formConversation.keepInitial', { value: initial }));
  else if (!isRequired(field)) lines.push(t('formConversation.optional'));
  return lines;
}

/** The question of the form's field at `index`: its number of all, its label, how to answer. */
export function fieldQuestion(form: FormView, index: number): string {
  const field = form.fields[index]!;
  const mark = isRequired(field) ? t('formConversation.requiredMark') : '';
  const head = t('formConversation.question', { number: index + 1, total: form.fields.length, label: field.label, required: mark });
  return [head, ...howToAnswer(field)].join('\n');
}

/** What the person is told when the form opens as a conversation, with the first question. */
export function formIntro(form: FormView): string {
  return [t('formConversation.intro', { title: form.title, count: form.fields.length }), fieldQuestion(form, 0)].join('\n');
}
