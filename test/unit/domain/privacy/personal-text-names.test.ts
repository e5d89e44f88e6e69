import { describe, expect, it } from 'vitest';
import { foldNameVariants } from '../../../../src/domain/privacy/name-variants.ts';
import { findPersonalData, maskPersonalData, type KnownCustomer, type MaskLabels } from '../../../../src/domain/privacy/personal-text.ts';
import { hepburn, romajiKey } from '../../../../src/domain/privacy/romaji.ts';

const labels: MaskLabels = { phone: '[電話番号]', customerNumber: '[お客さま番号]', customerName: '[氏名]' };
const mask = (text: string, ...known: KnownCustomer[]) => maskPersonalData(text, known, labels);

const yamasaki: KnownCustomer = { customerName: '山﨑 翔', customerNameKana: 'ﾔﾏｻﾞｷ ｼｮｳ' };
const yamada: KnownCustomer = { customerName: '山田 由美', customerNameKana: 'ヤマダ ユミ' };
const murata: KnownCustomer = { customerName: '村田 太郎', customerNameKana: 'ﾑﾗﾀ ﾀﾛｳ' };

describe('variant kanji (異体字) in the registered name or the typed text', () => {
  it.each([
    ['山崎翔様が不在', yamasaki, '[氏名]様が不在'],
    ['山崎 翔様が不在', yamasaki, '[氏名]様が不在'],
    ['山崎　翔様が不在', yamasaki, '[氏名]様が不在'],
    ['山嵜翔様が不在', yamasaki, '[氏名]様が不在'],
    ['山﨑翔様が不在', yamasaki, '[氏名]様が不在'],
    ['高橋一郎様 立会い', { customerName: '髙橋 一郎' }, '[氏名]様 立会い'],
    ['髙橋一郎様 立会い', { customerName: '高橋 一郎' }, '[氏名]様 立会い'],
    ['渡辺 健 様宅', { customerName: '渡邊 健' }, '[氏名] 様宅'],
    ['渡邉健様宅', { customerName: '渡邊 健' }, '[氏名]様宅'],
    ['斉藤花子さん', { customerName: '齋藤 花子' }, '[氏名]さん'],
    ['斎藤花子さん', { customerName: '齊藤 花子' }, '[氏名]さん'],
    ['浜田 光 様', { customerName: '濱田 光' }, '[氏名] 様'],
    ['沢田徳子様', { customerName: '澤田 德子' }, '[氏名]様'],
    ['桜井広 様', { customerName: '櫻井 廣' }, '[氏名] 様'],
    ['国分 曽太郎様', { customerName: '國分 曾太郎' }, '[氏名]様'],
    ['吉田 直 様', { customerName: '𠮷田 直' }, '[氏名] 様'],
    ['𠮷田直様 不在', { customerName: '吉田 直' }, '[氏名]様 不在'],
  ])('%s (customer %o) → %s', (text, customer, expected) => {
    expect(mask(text, customer)).toBe(expected);
  });

  it('replaces exactly what was typed, surrogate pairs and variation selectors included', () => {
    const text = '前回 𠮷田直様';
    const [span] = findPersonalData(text, [{ customerName: '吉田 直' }]);
    expect(text.slice(span!.start, span!.end)).toBe('𠮷田直');
    expect(mask('葛\u{E0100}西 勇様', { customerName: '葛西 勇' })).toBe('[氏名]様');
    expect(mask('葛西勇様', { customerName: '葛\u{E0100}西 勇' })).toBe('[氏名]様');
  });

  it('folds each variant to one target and keeps where each unit came from', () => {
    expect(foldNameVariants('山﨑')).toEqual({ text: '山崎', from: [0, 1, 2] });
    expect(foldNameVariants('𠮷田')).toEqual({ text: '吉田', from: [0, 2, 3] });
    expect(foldNameVariants('齋齊斎斉').text).toBe('斉斉斉斉');
  });

  it('masks no bare surname: 山崎 as a place, with no honorific, stays (customer 山﨑 翔)', () => {
    expect(mask('山崎の交差点を右折', yamasaki)).toBe('山崎の交差点を右折');
    expect(mask('山崎町3丁目 メーター位置不明', yamasaki)).toBe('山崎町3丁目 メーター位置不明');
    expect(mask('山崎様 不在', yamasaki)).toBe('[氏名]様 不在'); // surname + honorific is the person
    expect(mask('山崎翔 不在', yamasaki)).toBe('[氏名] 不在'); // the full name is masked without an honorific
  });

  it('leaves a namesake with another given name (山崎 is followed by 太郎, not an honorific)', () => {
    expect(mask('山崎太郎様 不在', yamasaki)).toBe('山崎太郎様 不在');
  });
});

describe("the customer's surname followed by an honorific", () => {
  it.each([
    ['山田さん(090-1234-5678)の確認で前回読み違い', '[氏名]さん([電話番号])の確認で前回読み違い'],
    ['山田様 不在', '[氏名]様 不在'],
    ['山田 さま 在宅', '[氏名] さま 在宅'],
    ['山田サンに確認', '[氏名]サンに確認'],
    ['山田ｻﾝに確認', '[氏名]ｻﾝに確認'],
    ['山田サマ', '[氏名]サマ'],
    ['山田氏より申出', '[氏名]氏より申出'],
    ['山田殿', '[氏名]殿'],
    ['担当山田さん', '担当[氏名]さん'],
    ['ヤマダさん在宅', '[氏名]さん在宅'],
    ['やまださま在宅', '[氏名]さま在宅'],
    ['ﾔﾏﾀﾞｻﾝ在宅', '[氏名]ｻﾝ在宅'],
    ['山田由美さん', '[氏名]さん'],
  ])('%s → %s (customer 山田 由美)', (text, expected) => {
    expect(mask(text, yamada)).toBe(expected);
  });

  it('leaves the surname without an honorific, and other words', () => {
    expect(mask('山田の畑の横 止水栓', yamada)).toBe('山田の畑の横 止水栓');
    expect(mask('山田町 やまだ', yamada)).toBe('山田町 やまだ');
    expect(mask('田中さん不在', yamada)).toBe('田中さん不在'); // not a known customer
    expect(mask('由美さん', yamada)).toBe('由美さん'); // a given name alone is not looked for
  });

  it('masks the surname of any known customer in a report, never of an unknown one', () => {
    const day = [yamada, { customerName: '架空 太郎' }];
    expect(maskPersonalData('架空さんと山田さんに連絡、試験さんは未着', day, labels)).toBe('[氏名]さんと[氏名]さんに連絡、試験さんは未着');
  });

  it('masks a one-character surname only with an honorific, and not as the tail of another surname', () => {
    const one: KnownCustomer = { customerName: '林 誠', customerNameKana: 'ﾊﾔｼ ﾏｺﾄ' };
    expect(mask('林さん 不在', one)).toBe('[氏名]さん 不在');
    expect(mask('林の奥の家', one)).toBe('林の奥の家');
    expect(mask('小林さん 不在', one)).toBe('小林さん 不在');
    expect(mask('隣の林様', one)).toBe('隣の[氏名]様');
  });

  it('needs the registered name split into surname and given name', () => {
    expect(mask('山田さん', { customerName: '山田由美' })).toBe('山田さん');
    expect(mask('山田由美さん', { customerName: '山田由美' })).toBe('[氏名]さん');
  });

  it("does not mask the workers' names: they are not customers", () => {
    expect(mask('仮野さんが対応、山田さん不在', yamada)).toBe('仮野さんが対応、[氏名]さん不在');
  });
});

describe('the name in romaji, derived from the reading', () => {
  it.each([
    ['ｍｕｒａｔａさん 不在', '[氏名]さん 不在'],
    ['Murata-san absent', '[氏名]-san absent'],
    ['MURATA SAMA', '[氏名] SAMA'],
    ['murata taro', '[氏名]'],
    ['Murata Tarou', '[氏名]'],
    ['Murata Taroh', '[氏名]'],
    ['Murata Tarō', '[氏名]'],
    ['Taro Murata', '[氏名]'],
    ['muratataro', '[氏名]'],
  ])('%s → %s (customer 村田 太郎, ﾑﾗﾀ ﾀﾛｳ)', (text, expected) => {
    expect(mask(text, murata)).toBe(expected);
  });

  it('reads whole words only, and a bare surname not at all', () => {
    expect(mask('murata', murata)).toBe('murata');
    expect(mask('muratas-san', murata)).toBe('muratas-san');
    expect(mask('komurata-san', murata)).toBe('komurata-san');
    expect(mask('taro', murata)).toBe('taro');
  });

  it('spells youon, sokuon and long vowels in Hepburn, and compares long vowels either way', () => {
    expect(hepburn('しょう')).toBe('shou');
    expect(hepburn('きっちょう')).toBe('kitchou');
    expect(hepburn('ほんま')).toBe('honma');
    expect(hepburn('abc')).toBeNull();
    for (const w of ['Sato', 'SATOU', 'satoh', 'Satō', 'satoo']) expect(romajiKey(w)).toBe('sato');
    expect(romajiKey('Homma')).toBe(romajiKey('honma'));
    expect(mask('Yamazaki Sho', yamasaki)).toBe('[氏名]');
    expect(mask('Oono-san', { customerName: '大野 実', customerNameKana: 'オオノ ミノル' })).toBe('[氏名]-san');
    expect(mask('Ohno-san', { customerName: '大野 実', customerNameKana: 'オオノ ミノル' })).toBe('[氏名]-san');
  });
});
