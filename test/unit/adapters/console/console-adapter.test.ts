import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../../src/adapters/console/console-adapter.ts';
import { formValues } from '../../../../src/adapters/console/form-values.ts';
import { ConsoleInputError } from '../../../../src/adapters/console/input-error.ts';
import type { FormView, MessageView } from '../../../../src/application/chat/view.ts';

const w02 = { kind: 'user', userRef: 'w02' } as const;
const w03 = { kind: 'user', userRef: 'w03' } as const;
const bureau = { kind: 'channel', channelRef: 'bureau' } as const;
const text = (s: string): MessageView => ({ summary: s, blocks: [{ type: 'text', text: s }] });

describe('console adapter', () => {
  it('writes each post to the sink under the recipient heading and keeps it per recipient', async () => {
    const out: string[] = [];
    const adapter = createConsoleAdapter({ sink: (s) => out.push(s) });
    const a = await adapter.post(w02, text('おはようございます'));
    const b = await adapter.post(bureau, text('配置のお知らせ'));
    expect(a).not.toBe(b);
    expect(out).toEqual(['── w02 宛 ──\nおはようございます\n', '── 局チャンネル ──\n配置のお知らせ\n']);
    expect(adapter.messagesTo(w02).map((m) => m.text)).toEqual(['おはようございます']);
    expect(adapter.messagesTo(w03)).toEqual([]);
  });

  it('updates a message in place by its ref and marks it (更新)', async () => {
    const out: string[] = [];
    const adapter = createConsoleAdapter({ sink: (s) => out.push(s) });
    const ref = await adapter.post(w02, text('残り 3件'));
    const again = await adapter.post(w02, text('残り 2件'), ref);
    expect(again).toBe(ref);
    expect(adapter.messagesTo(w02)).toHaveLength(1);
    expect(adapter.message(ref)).toMatchObject({ text: '(更新) 残り 2件', updated: true });
    expect(out[1]).toBe('── w02 宛 ──\n(更新) 残り 2件\n');
    expect(adapter.deliveries().map((d) => d.kind)).toEqual(['post', 'update']);
  });

  it('posts anew when the ref is unknown (a restart) or belongs to someone else', async () => {
    const adapter = createConsoleAdapter();
    const ref = await adapter.post(w02, text('一つ目'));
    const unknown = await adapter.post(w02, text('二つ目'), 'console:999');
    const other = await adapter.post(w03, text('三つ目'), ref);
    expect(new Set([ref, unknown, other]).size).toBe(3);
    expect(adapter.message(ref)?.text).toBe('一つ目');
  });

  it('remembers the latest form opened for a user until it is closed', async () => {
    const adapter = createConsoleAdapter();
    const form: FormView = { formId: 'f', title: '入力', submitLabel: '送信', state: 's', fields: [] };
    await adapter.openForm(w02, form);
    expect(adapter.openFormOf(w02)).toBe(form);
    expect(adapter.openFormOf(w03)).toBeUndefined();
    expect(adapter.deliveries(0)[0]).toMatchObject({ kind: 'form', target: w02 });
    adapter.closeForm(w02);
    expect(adapter.openFormOf(w02)).toBeUndefined();
  });

  it('lists deliveries after a sequence number', async () => {
    const adapter = createConsoleAdapter();
    await adapter.post(w02, text('a'));
    const seq = adapter.lastSeq();
    await adapter.post(w03, text('b'));
    expect(adapter.deliveries(seq).map((d) => d.text)).toEqual(['b']);
  });
});

describe('formValues', () => {
  const form: FormView = {
    formId: 'result',
    title: '結果',
    submitLabel: '登録',
    state: '{}',
    fields: [
      { id: 'reading', label: '指針', type: 'number', required: true },
      { id: 'outcome', label: '結果', type: 'select', required: true, options: [{ value: 'done', label: '完了' }, { value: 'absent', label: '不在' }], initial: 'done' },
      { id: 'checks', label: '確認', type: 'checkboxes', options: [{ value: 'pilot', label: 'パイロット' }, { value: 'tap', label: '散水栓' }] },
      { id: 'note', label: 'メモ', type: 'text', required: false },
    ],
  };

  it('takes values by id or label, option values or labels, and keeps initial values', () => {
    expect(formValues(form, { 指針: 1187, checks: 'パイロット,tap' })).toEqual({ reading: '1187', outcome: 'done', checks: ['pilot', 'tap'] });
    expect(formValues(form, { reading: '5', 結果: '不在', note: ' ' })).toEqual({ reading: '5', outcome: 'absent', note: undefined });
  });

  it('refuses unknown fields, unknown options and missing required fields in Japanese', () => {
    expect(() => formValues(form, { reading: '1', foo: 'x' })).toThrow(ConsoleInputError);
    expect(() => formValues(form, { reading: '1', outcome: '外出' })).toThrow('選択肢にありません');
    expect(() => formValues(form, {})).toThrow('必須項目「指針」が未入力です');
  });
});
