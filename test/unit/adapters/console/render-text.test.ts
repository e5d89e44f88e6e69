import { describe, expect, it } from 'vitest';
import { headingOf, renderForm, renderMessage } from '../../../../src/adapters/console/render-text.ts';
import type { FormView, MessageView } from '../../../../src/application/chat/view.ts';

const view: MessageView = {
  key: 'day:2026-03-27:w02',
  summary: '3月27日の作業',
  blocks: [
    { type: 'header', text: '3月27日(金) の作業 (2件)' },
    { type: 'context', text: '足順に並んでいます' },
    { type: 'text', text: '1. 20260327-0001 開栓\n住所: 金沢市諸江町2丁目2-3' },
    { type: 'actions', buttons: [
      { actionId: 'result.form', label: '結果入力', value: '{"orderNo":"20260327-0001"}' },
      { actionId: 'doubt.raise', label: '疑義', value: '{"orderNo":"20260327-0001"}' },
    ] },
    { type: 'divider' },
    { type: 'fields', fields: [{ label: '前回指針', value: '1186' }, { label: '備考', value: '犬あり注意' }] },
    { type: 'actions', buttons: [
      { actionId: 'result.form', label: '結果入力', value: '{"orderNo":"20260327-0002"}' },
      { actionId: 'doubt.raise', label: '疑義', value: '{"orderNo":"20260327-0002"}' },
    ] },
  ],
};

describe('renderMessage', () => {
  it('renders header, text, fields as "label: value", context in parentheses and numbered buttons', () => {
    const { text } = renderMessage(view);
    expect(text.split('\n')).toEqual([
      '■ 3月27日(金) の作業 (2件)',
      '(足順に並んでいます)',
      '1. 20260327-0001 開栓',
      '住所: 金沢市諸江町2丁目2-3',
      '[1] 結果入力  [2] 疑義',
      '────────',
      '前回指針: 1186',
      '備考: 犬あり注意',
      '[3] 結果入力  [4] 疑義',
    ]);
  });

  it('numbers the buttons through the whole message, so [n] is buttons[n - 1]', () => {
    const { buttons } = renderMessage(view);
    expect(buttons).toHaveLength(4);
    expect(buttons[2]).toMatchObject({ actionId: 'result.form', value: '{"orderNo":"20260327-0002"}' });
    expect(buttons[3]?.label).toBe('疑義');
  });

  it('marks an updated message on its first line', () => {
    expect(renderMessage(view, { updated: true }).text.split('\n')[0]).toBe('(更新) ■ 3月27日(金) の作業 (2件)');
    expect(renderMessage(view).text).not.toContain('(更新)');
  });

  it('falls back to the summary for a view without blocks', () => {
    expect(renderMessage({ summary: 'お知らせ', blocks: [] }).text).toBe('お知らせ');
  });
});

describe('headingOf', () => {
  it('names the user or the bureau channel', () => {
    expect(headingOf({ kind: 'user', userRef: 'w02' })).toBe('── w02 宛 ──');
    expect(headingOf({ kind: 'channel', channelRef: 'bureau' })).toBe('── 局チャンネル ──');
    expect(headingOf({ kind: 'channel', channelRef: 'ops' })).toContain('ops');
  });
});

describe('renderForm', () => {
  it('lists each field with id, label, required mark, options and initial value', () => {
    const form: FormView = {
      formId: 'result',
      title: '結果入力 20260327-0001',
      submitLabel: '登録',
      state: '{}',
      fields: [
        { id: 'reading', label: '指針', type: 'number', required: true, hint: '複数回確認してください' },
        { id: 'outcome', label: '結果', type: 'select', required: true, options: [{ value: 'done', label: '完了' }, { value: 'absent', label: '不在' }], initial: 'done' },
        { id: 'note', label: 'メモ', type: 'textarea', required: false },
      ],
    };
    const text = renderForm(form);
    expect(text).toContain('【入力フォーム】結果入力 20260327-0001');
    expect(text).toContain('reading: 指針 (必須)');
    expect(text).toContain('複数回確認してください');
    expect(text).toContain('done=完了 / absent=不在');
    expect(text).toContain('初期値: done');
    expect(text).toContain('note: メモ\n');
    expect(text).toContain('登録');
  });
});
