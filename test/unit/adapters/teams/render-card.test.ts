import { describe, expect, it } from 'vitest';
import type { FormView, MessageView } from '../../../../src/application/chat/view.ts';
import { cardText, renderFormCard, renderMessageCards } from '../../../../src/adapters/teams/render-card.ts';
import { MAX_CARD_BYTES, splitText } from '../../../../src/adapters/teams/split-card.ts';

const view: MessageView = {
  key: 'day:2026-03-27:w02',
  summary: '本日の作業 3 件',
  blocks: [
    { type: 'header', text: '3月27日 の作業' },
    { type: 'fields', fields: [{ label: '件数', value: '3 件' }, { label: '地区', value: '泉本町' }] },
    { type: 'divider' },
    { type: 'text', text: '1行目\n2行目 *強調ではない*' },
    { type: 'actions', buttons: [
      { actionId: 'result.form', label: '結果を入力', value: '{"orderNo":"20260327-0001"}', style: 'primary' },
      { actionId: 'doubt.raise', label: '疑義', value: '{"orderNo":"20260327-0001"}', style: 'danger' },
      { actionId: 'order.map', label: '地図', value: 'x' },
    ] },
    { type: 'context', text: '最終更新 08:30' },
  ],
};

describe('renderMessageCards', () => {
  it('renders each block as its Adaptive Card 1.5 element', () => {
    const [card, ...rest] = renderMessageCards(view);
    expect(rest).toEqual([]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(card!.body).toEqual([
      { type: 'TextBlock', text: '3月27日 の作業', wrap: true, size: 'Medium', weight: 'Bolder' },
      { type: 'FactSet', facts: [{ title: '件数', value: '3 件' }, { title: '地区', value: '泉本町' }] },
      { type: 'TextBlock', text: '1行目\n\n2行目 \\*強調ではない\\*', wrap: true, separator: true },
      {
        type: 'ActionSet',
        actions: [
          { type: 'Action.Submit', title: '結果を入力', style: 'positive', data: { actionId: 'result.form', value: '{"orderNo":"20260327-0001"}', kaiheisen: true } },
          { type: 'Action.Submit', title: '疑義', style: 'destructive', data: { actionId: 'doubt.raise', value: '{"orderNo":"20260327-0001"}', kaiheisen: true } },
          { type: 'Action.Submit', title: '地図', data: { actionId: 'order.map', value: 'x', kaiheisen: true } },
        ],
      },
      { type: 'TextBlock', text: '最終更新 08:30', wrap: true, size: 'Small', isSubtle: true },
    ]);
  });

  it('falls back to the summary for a view without blocks', () => {
    expect(renderMessageCards({ summary: 'お知らせ', blocks: [] })[0]!.body).toEqual([{ type: 'TextBlock', text: 'お知らせ', wrap: true }]);
  });

  it('escapes Markdown so plain text stays plain', () => {
    expect(cardText('a_b [x](y) \\ *z*')).toBe('a\\_b \\[x\\](y) \\\\ \\*z\\*');
  });

  it('splits a long view into several cards, each under the limit, keeping order and text', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${String(i).padStart(3, '0')} 金沢市泉本町${i}丁目 開栓 メーター口径20mm 備考なし`);
    const long: MessageView = {
      summary: '長い一覧',
      blocks: [
        { type: 'header', text: '一覧' },
        { type: 'text', text: lines.join('\n') },
        { type: 'fields', fields: lines.slice(0, 300).map((l, i) => ({ label: `No.${i}`, value: l })) },
        { type: 'actions', buttons: [{ actionId: 'list.ack', label: '確認', value: '1' }] },
      ],
    };
    const cards = renderMessageCards(long);
    expect(cards.length).toBeGreaterThan(2);
    for (const card of cards) expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const body = cards.flatMap((c) => c.body);
    expect(body[0]).toMatchObject({ text: '一覧' });
    const text = body.filter((e) => e.type === 'TextBlock' && e.text !== '一覧').map((e) => e.text as string).join('\n\n');
    expect(text).toBe(lines.map(cardText).join('\n\n'));
    const facts = body.filter((e) => e.type === 'FactSet').flatMap((e) => e.facts as unknown[]);
    expect(facts).toHaveLength(300);
    expect(body.at(-1)).toMatchObject({ type: 'ActionSet' });
  });

  it('cuts a single huge line inside the line', () => {
    const pieces = splitText('あ'.repeat(5000), 3000);
    expect(pieces.join('')).toBe('あ'.repeat(5000));
    expect(pieces.every((p) => Buffer.byteLength(p) <= 3000)).toBe(true);
    expect(pieces).toHaveLength(5);
  });
});

const form: FormView = {
  formId: 'result',
  title: '作業結果 20260327-0001',
  submitLabel: '送信',
  state: '{"orderNo":"20260327-0001"}',
  fields: [
    { id: 'reading', label: '指針', type: 'number', required: true, hint: '例: 1234', initial: '120' },
    { id: 'note', label: 'メモ', type: 'textarea', required: false, initial: '' },
    { id: 'meterNo', label: 'メーター番号', type: 'text', required: false, hint: '英数字' },
    { id: 'outcome', label: '結果', type: 'select', required: true, options: [{ value: 'done', label: '完了' }, { value: 'absent', label: '不在' }], initial: 'done' },
    { id: 'checks', label: '確認事項', type: 'checkboxes', options: [{ value: 'pin', label: 'ピン交換' }, { value: 'seal', label: '封印' }], initial: ['seal'] },
  ],
};

describe('renderFormCard', () => {
  it('renders each field as a labelled input and submits formId and state', () => {
    const card = renderFormCard(form);
    expect(card.body).toEqual([
      { type: 'TextBlock', text: '作業結果 20260327-0001', wrap: true, size: 'Medium', weight: 'Bolder' },
      { type: 'Input.Number', id: 'reading', label: '指針', placeholder: '例: 1234', isRequired: true, errorMessage: '指針を入力してください', value: 120 },
      { type: 'Input.Text', id: 'note', label: 'メモ', isMultiline: true },
      { type: 'Input.Text', id: 'meterNo', label: 'メーター番号', placeholder: '英数字' },
      {
        type: 'Input.ChoiceSet', id: 'outcome', label: '結果', style: 'compact', placeholder: '選択してください',
        choices: [{ title: '完了', value: 'done' }, { title: '不在', value: 'absent' }],
        isRequired: true, errorMessage: '結果を入力してください', value: 'done',
      },
      {
        type: 'Input.ChoiceSet', id: 'checks', label: '確認事項', style: 'expanded', isMultiSelect: true,
        choices: [{ title: 'ピン交換', value: 'pin' }, { title: '封印', value: 'seal' }], value: 'seal',
      },
    ]);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: '送信', style: 'positive', data: { formId: 'result', state: '{"orderNo":"20260327-0001"}', kaiheisen: true, multi: ['checks'] } },
    ]);
  });

  it('refuses a field id that would collide with the submit data', () => {
    expect(() => renderFormCard({ ...form, fields: [{ id: 'state', label: 'x', type: 'text', required: false }] })).toThrow(/reserved/);
  });
});
