import { describe, expect, it } from 'vitest';
import { fieldQuestion, formIntro, readFieldAnswer } from '../../../../src/application/chat/form-answers.ts';
import type { FormField, FormView } from '../../../../src/application/chat/view.ts';

const text: FormField = { id: 'what', label: '何が起きたか', type: 'textarea', required: true, hint: 'けが・物損など' };
const optionalText: FormField = { id: 'where', label: '場所', type: 'text', required: false };
const number: FormField = { id: 'reading', label: '指針', type: 'number', required: false };
const damage: FormField = {
  id: 'damage',
  label: '第三者への損害',
  type: 'select',
  required: true,
  options: [
    { value: 'yes', label: 'あり' },
    { value: 'no', label: 'なし' },
    { value: 'unknown', label: 'わからない' },
  ],
  initial: 'unknown',
};
const outcome: FormField = { id: 'outcome', label: '結果', type: 'select', required: true, options: [{ value: 'done', label: '完了' }, { value: 'absent', label: '不在' }] };
const checks: FormField = {
  id: 'checks',
  label: '確認',
  type: 'checkboxes',
  options: [
    { value: 'leak', label: '漏水' },
    { value: 'improperUse', label: '不正使用' },
    { value: 'highUsage', label: '多量使用' },
  ],
};

describe('readFieldAnswer', () => {
  it('takes text as it is typed, trimmed', () => {
    expect(readFieldAnswer(text, '  散水栓から漏水  ')).toEqual({ kind: 'value', value: '散水栓から漏水' });
  });

  it('cancels the form on 「やめる」 or 「キャンセル」, whatever the field', () => {
    for (const word of ['やめる', 'キャンセル', 'ｷｬﾝｾﾙ', 'やめる。', '中止']) expect(readFieldAnswer(damage, word)).toEqual({ kind: 'cancel' });
    expect(readFieldAnswer(text, 'やめる')).toEqual({ kind: 'cancel' });
  });

  it('skips an optional field with 「なし」 or 「スキップ」, and refuses to skip a required one', () => {
    expect(readFieldAnswer(optionalText, 'なし')).toEqual({ kind: 'value', value: undefined });
    expect(readFieldAnswer(optionalText, 'スキップ')).toEqual({ kind: 'value', value: undefined });
    expect(readFieldAnswer(checks, 'スキップ')).toEqual({ kind: 'value', value: [] });
    expect(readFieldAnswer(text, 'スキップ')).toEqual({ kind: 'invalid', reason: '「何が起きたか」は省略できません。' });
  });

  it('keeps the initial value when a field that has one is skipped', () => {
    expect(readFieldAnswer(damage, 'スキップ')).toEqual({ kind: 'value', value: 'unknown' });
  });

  it('takes an option by its number, its label or its value, full width too', () => {
    expect(readFieldAnswer(damage, '1')).toEqual({ kind: 'value', value: 'yes' });
    expect(readFieldAnswer(damage, '３')).toEqual({ kind: 'value', value: 'unknown' });
    expect(readFieldAnswer(damage, 'わからない')).toEqual({ kind: 'value', value: 'unknown' });
    expect(readFieldAnswer(outcome, 'absent')).toEqual({ kind: 'value', value: 'absent' });
  });

  it('reads 「なし」 as the option called なし before reading it as a skip', () => {
    expect(readFieldAnswer(damage, 'なし')).toEqual({ kind: 'value', value: 'no' });
  });

  it('refuses an option that is not in the list, by number or by name', () => {
    expect(readFieldAnswer(damage, '5')).toEqual({ kind: 'invalid', reason: '「5」は選択肢にありません。番号か選択肢の名前で答えてください。' });
    expect(readFieldAnswer(outcome, '終わった')).toMatchObject({ kind: 'invalid' });
    expect(readFieldAnswer(outcome, 'スキップ')).toEqual({ kind: 'invalid', reason: '「結果」は省略できません。' });
  });

  it('takes several options separated by 「、」, commas or spaces, each once', () => {
    expect(readFieldAnswer(checks, '1、3')).toEqual({ kind: 'value', value: ['leak', 'highUsage'] });
    expect(readFieldAnswer(checks, '漏水, 不正使用 1')).toEqual({ kind: 'value', value: ['leak', 'improperUse'] });
    expect(readFieldAnswer(checks, '1、9')).toEqual({ kind: 'invalid', reason: '「9」は選択肢にありません。番号か選択肢の名前で答えてください。' });
  });

  it('takes a number typed on a phone, and refuses anything else in a number field', () => {
    expect(readFieldAnswer(number, '１１８７')).toEqual({ kind: 'value', value: '1187' });
    expect(readFieldAnswer(number, '1,187.5')).toEqual({ kind: 'value', value: '1187.5' });
    expect(readFieldAnswer(number, '-3')).toEqual({ kind: 'value', value: '-3' });
    expect(readFieldAnswer(number, '千百')).toEqual({ kind: 'invalid', reason: '「千百」は数字として読めません。数字で答えてください。' });
    expect(readFieldAnswer(number, 'なし')).toEqual({ kind: 'value', value: undefined });
  });

  it('asks again for an empty answer (a photo without text)', () => {
    expect(readFieldAnswer(optionalText, '  ')).toEqual({ kind: 'invalid', reason: '答えを文字で送ってください。' });
  });
});

describe('the questions', () => {
  const form: FormView = { formId: 'incident.report', title: '事故等の報告', submitLabel: '報告する', state: '{}', fields: [text, optionalText, damage, checks] };

  it('opens with the title, how many fields there are, how to stop, and the first question with its hint', () => {
    expect(formIntro(form).split('\n')).toEqual([
      '「事故等の報告」を1項目ずつ伺います (全4項目)。答えを1つずつ送ってください。途中でやめるときは「やめる」と送ってください。',
      '(1/4) 何が起きたか (必須)',
      '(けが・物損など)',
    ]);
  });

  it('says how to skip an optional field', () => {
    expect(fieldQuestion(form, 1).split('\n')).toEqual(['(2/4) 場所', '省略するときは「なし」または「スキップ」と送ってください。']);
  });

  it('numbers the options, and names the initial value that skipping keeps', () => {
    expect(fieldQuestion(form, 2).split('\n')).toEqual([
      '(3/4) 第三者への損害 (必須)',
      '  1. あり',
      '  2. なし',
      '  3. わからない',
      '番号か選択肢の名前で答えてください。',
      '今の値は「わからない」です。そのままにするときは「スキップ」と送ってください。',
    ]);
    expect(fieldQuestion(form, 3)).toContain('複数のときは「、」で区切ります');
  });
});
