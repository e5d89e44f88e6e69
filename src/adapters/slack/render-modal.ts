import type { types } from '@slack/bolt';
import { setOwn } from '../../application/chat/own-keys.ts';
import type { InboundFile } from '../../application/chat/ports.ts';
import type { FormField, FormView } from '../../application/chat/view.ts';
import { t } from '../../templates.ts';
import { cutText } from './text-limits.ts';

/** Modal limits (https://docs.slack.dev/reference/views/modal-views, block elements). */
export const MODAL_LIMITS = {
  title: 24,
  button: 24,
  callbackId: 255,
  privateMetadata: 3000,
  blocks: 100,
  label: 2000,
  hint: 2000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  initialText: 3000,
} as const;

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: cutText(text || '-', max), emoji: true });

function option(o: { value: string; label: string }): types.PlainTextOption {
  if (o.value.length > MODAL_LIMITS.optionValue) throw new RangeError(`option value over ${MODAL_LIMITS.optionValue} characters`);
  return { text: plain(o.label, MODAL_LIMITS.optionText), value: o.value };
}

function options(list: { value: string; label: string }[], max: number): types.PlainTextOption[] {
  if (list.length > max) throw new RangeError(`${list.length} options, Slack allows ${max}`);
  return list.map(option);
}

function element(field: FormField): types.InputBlock['element'] {
  const action_id = field.id;
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const initial = field.initial ? { initial_value: cutText(field.initial, MODAL_LIMITS.initialText) } : {};
      return { type: 'plain_text_input', action_id, multiline: field.type === 'textarea', ...initial };
    }
    case 'number': {
      const initial = field.initial && /^-?\d+$/.test(field.initial) ? { initial_value: field.initial } : {};
      return { type: 'number_input', action_id, is_decimal_allowed: false, ...initial };
    }
    case 'select': {
      const opts = options(field.options, MODAL_LIMITS.selectOptions);
      const initial = opts.find((o) => o.value === field.initial);
      return { type: 'static_select', action_id, options: opts, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'checkboxes': {
      const opts = options(field.options, MODAL_LIMITS.checkboxOptions);
      const initial = opts.filter((o) => field.initial?.includes(o.value ?? ''));
      return { type: 'checkboxes', action_id, options: opts, ...(initial.length ? { initial_options: initial } : {}) };
    }
  }
}

function inputBlock(field: FormField): types.InputBlock {
  const hint = 'hint' in field && field.hint ? { hint: plain(field.hint, MODAL_LIMITS.hint) } : {};
  return {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, MODAL_LIMITS.label),
    optional: field.type === 'checkboxes' ? true : !field.required,
    element: element(field),
    ...hint,
  };
}

/** A FormView as a views.open modal: callback_id = formId, private_metadata = state, one input block per field. */
export function renderModal(form: FormView): types.ModalView {
  if (form.state.length > MODAL_LIMITS.privateMetadata) throw new RangeError('form state over 3000 characters');
  if (form.formId.length > MODAL_LIMITS.callbackId) throw new RangeError('form id over 255 characters');
  if (form.fields.length > MODAL_LIMITS.blocks) throw new RangeError('more than 100 form fields');
  return {
    type: 'modal',
    callback_id: form.formId,
    private_metadata: form.state,
    title: plain(form.title, MODAL_LIMITS.title),
    submit: plain(form.submitLabel, MODAL_LIMITS.button),
    close: plain(t('slack.modal.close'), MODAL_LIMITS.button),
    blocks: form.fields.map(inputBlock),
  };
}

/** One submitted element, as in view_submission `view.state.values[blockId][actionId]`. */
export interface SubmittedValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  files?: { id: string; name?: string; mimetype?: string }[];
}

export type SubmittedState = Record<string, Record<string, SubmittedValue>>;

function valueOf(v: SubmittedValue): string | string[] | undefined {
  if (v.type === 'checkboxes' || v.type === 'multi_static_select') return (v.selected_options ?? []).map((o) => o.value);
  if (v.type === 'static_select' || v.type === 'radio_buttons') return v.selected_option?.value ?? undefined;
  return v.value ?? undefined;
}

/** The reverse of renderModal: block id (= field id) → submitted value; uploaded files (file_input) apart. */
export function readSubmission(state: SubmittedState): { values: Record<string, string | string[] | undefined>; files: InboundFile[] } {
  const values: Record<string, string | string[] | undefined> = {};
  const files: InboundFile[] = [];
  for (const [blockId, actions] of Object.entries(state)) {
    for (const submitted of Object.values(actions)) {
      if (submitted.type === 'file_input') {
        files.push(...(submitted.files ?? []).map((f) => ({ ref: f.id, name: f.name, mimeType: f.mimetype })));
        continue;
      }
      const value = valueOf(submitted);
      if (value !== undefined && value !== '') setOwn(values, blockId, value); // the sender's block id: own property only
    }
  }
  return { values, files };
}

/** The ack body for a view_submission: show the next form in place, or per-field errors (block id = field id). */
export type ViewSubmissionAck =
  | { response_action: 'update'; view: types.ModalView }
  | { response_action: 'errors'; errors: Record<string, string> };

export const updateModalAck = (form: FormView): ViewSubmissionAck => ({ response_action: 'update', view: renderModal(form) });

export const formErrorsAck = (errors: Record<string, string>): ViewSubmissionAck => ({
  response_action: 'errors',
  errors: Object.fromEntries(Object.entries(errors).map(([id, message]) => [id, cutText(message, MODAL_LIMITS.hint)])),
});
