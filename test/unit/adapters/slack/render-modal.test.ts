import { describe, expect, it } from 'vitest';
import { formErrorsAck, readSubmission, renderModal } from '../../../../src/adapters/slack/render-modal.ts';
import type { FormView } from '../../../../src/application/chat/view.ts';

const form: FormView = {
  formId: 'result',
  title: '開栓結果の入力 受付番号0012 金沢市広坂1丁目',
  submitLabel: '送信',
  state: '{"orderNo":"0012"}',
  fields: [
    { id: 'reading', label: '指針', type: 'number', required: true, initial: '1187' },
    { id: 'note', label: '備考', type: 'textarea', required: false, hint: '200字まで' },
    { id: 'meter', label: 'メーター番号', type: 'text', required: true },
    { id: 'outcome', label: '結果', type: 'select', required: true, options: [{ value: 'opened', label: '開栓' }, { value: 'absent', label: '不在' }], initial: 'absent' },
    { id: 'checks', label: '確認', type: 'checkboxes', options: [{ value: 'noLeak', label: '漏水なし' }, { value: 'sealed', label: '封印' }], initial: ['sealed'] },
  ],
};

describe('renderModal', () => {
  it('builds a views.open modal with callback_id, private_metadata and one input block per field', () => {
    const modal = renderModal(form) as Record<string, any>;
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'result', private_metadata: '{"orderNo":"0012"}' });
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.title.text.endsWith('…')).toBe(true);
    expect(modal.submit).toEqual({ type: 'plain_text', text: '送信', emoji: true });
    expect(modal.close).toEqual({ type: 'plain_text', text: '閉じる', emoji: true });
    expect(modal.blocks.map((b: any) => [b.block_id, b.element.type, b.element.action_id, b.optional])).toEqual([
      ['reading', 'number_input', 'reading', false],
      ['note', 'plain_text_input', 'note', true],
      ['meter', 'plain_text_input', 'meter', false],
      ['outcome', 'static_select', 'outcome', false],
      ['checks', 'checkboxes', 'checks', true],
    ]);
    const [reading, note, meter, outcome, checks] = modal.blocks;
    expect(reading.element).toMatchObject({ is_decimal_allowed: false, initial_value: '1187' });
    expect(note.element.multiline).toBe(true);
    expect(note.hint).toEqual({ type: 'plain_text', text: '200字まで', emoji: true });
    expect(meter.element.multiline).toBe(false);
    expect(outcome.element.initial_option).toEqual({ text: { type: 'plain_text', text: '不在', emoji: true }, value: 'absent' });
    expect(checks.element.initial_options.map((o: any) => o.value)).toEqual(['sealed']);
  });

  it('refuses what Slack cannot carry instead of cutting it', () => {
    expect(() => renderModal({ ...form, state: 'x'.repeat(3001) })).toThrow(RangeError);
    const many = Array.from({ length: 11 }, (_, i) => ({ value: `v${i}`, label: `${i}` }));
    expect(() => renderModal({ ...form, fields: [{ id: 'c', label: 'c', type: 'checkboxes', options: many }] })).toThrow(RangeError);
  });
});

describe('readSubmission', () => {
  it('turns view.state.values back into field values and files', () => {
    const { values, files } = readSubmission({
      reading: { reading: { type: 'number_input', value: '1187' } },
      note: { note: { type: 'plain_text_input', value: null } },
      outcome: { outcome: { type: 'static_select', selected_option: { value: 'opened' } } },
      checks: { checks: { type: 'checkboxes', selected_options: [] } },
      photo: { photo: { type: 'file_input', files: [{ id: 'F0PHOTO01', name: 'meter.jpg', mimetype: 'image/jpeg' }] } },
    });
    expect(values).toEqual({ reading: '1187', outcome: 'opened', checks: [] });
    expect(files).toEqual([{ ref: 'F0PHOTO01', name: 'meter.jpg', mimeType: 'image/jpeg' }]);
  });

  it('round-trips renderModal ids: block id = field id', () => {
    const modal = renderModal(form) as Record<string, any>;
    const state = Object.fromEntries(modal.blocks.map((b: any) => [b.block_id, { [b.element.action_id]: { type: 'plain_text_input', value: 'x' } }]));
    expect(Object.keys(readSubmission(state).values)).toEqual(form.fields.map((f) => f.id));
  });
});

describe('formErrorsAck', () => {
  it('is the response_action errors body keyed by field id', () => {
    expect(formErrorsAck({ reading: '指針は数字で入力してください' })).toEqual({
      response_action: 'errors',
      errors: { reading: '指針は数字で入力してください' },
    });
  });
});
