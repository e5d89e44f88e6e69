import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negatedAfter } from '../../../../src/domain/incidents/negation.ts';
import { readTerminalText } from '../../../../src/domain/incidents/terminal-text.ts';

/** What a new user typed (issue 16's terminal case): each opens the case it names, or none. */
const POSITIVES = [
  ['端末 破損', 'terminalDamaged', null],
  ['端末 紛失', 'terminalLost', null],
  ['スマホ落とした', 'terminalLost', 'mobile'],
  ['スマホを落とした', 'terminalLost', 'mobile'],
  ['スマホを落として画面が割れた', 'terminalDamaged', 'mobile'],
  ['携帯をなくした', 'terminalLost', 'mobile'],
  ['iPhone 紛失', 'terminalLost', 'mobile'],
  ['ｉＰｈｏｎｅ 紛失しました', 'terminalLost', 'mobile'],
  ['タブレット割れた', 'terminalDamaged', 'mobile'],
  ['端末が水没した', 'terminalDamaged', null],
  ['端末が起動しない', 'terminalDamaged', null],
  ['モバイル端末を盗まれた', 'terminalLost', 'mobile'],
  ['携帯端末を紛失しました', 'terminalLost', 'mobile'],
  ['料金システム端末が壊れた', 'terminalDamaged', 'billing'],
  ['料金端末 故障', 'terminalDamaged', 'billing'],
  ['PC 破損', 'terminalDamaged', 'billing'],
  ['パソコンが壊れました', 'terminalDamaged', 'billing'],
  ['スマートフォンを置き忘れた', 'terminalLost', 'mobile'],
  ['端末が盗難にあった', 'terminalLost', null],
  ['端末紛失したかもしれない', 'terminalLost', null],
  ['端末が壊れて使えない', 'terminalDamaged', null],
  ['作業用端末を紛失、ロックなし', 'terminalLost', null],
  ['携帯の画面が割れてしまいました', 'terminalDamaged', 'mobile'],
  ['端末 破損 顧客データなし', 'terminalDamaged', null],
] as const;

const NEGATIVES = [
  '端末が壊れたわけではない',
  '端末 破損じゃない',
  '端末は無事',
  '端末は壊れてません',
  '端末 紛失していません',
  '紛失していません',
  '端末をなくしてない',
  'なくしてない',
  '端末 破損なし',
  '破損なし',
  '端末は壊れていなかった',
  '壊れていなかった',
  '端末は割れてはいない',
  '割れてはいない',
  '端末の紛失はありません',
  '端末 破損無し',
  '端末が壊れたわけじゃない',
  'スマホは落としていない',
  '携帯は紛失の事実はない',
  '端末に破損等は見られない',
  '端末が起動しないわけではない',
  '端末は故障していないです',
  'タブレットは割れてない',
  'メーターの蓋を落とした',
  '端末を持ってメーターの蓋を落とした',
  '0012 開栓完了 指針1187 端末に入力済み',
  '携帯で撮影、メーターのガラスが割れていた',
  '0012 閉栓不可 お客様の携帯に連絡したが鍵を紛失',
];

describe('the terminal case reads negations and everyday phrasings', () => {
  it.each(POSITIVES)('%s → %s (%s)', (text, loss, terminal) => {
    expect(readTerminalText(text)).toMatchObject({ loss, terminal });
  });

  it.each(NEGATIVES)('%s is no terminal case', (text) => {
    expect(readTerminalText(text)).toBeUndefined();
  });

  it('a negation needs only endings and particles between the word and itself', () => {
    expect(negatedAfter('たわけではない')).toBe(true);
    expect(negatedAfter('したかもしれない')).toBe(false);
    expect(negatedAfter('て使えない')).toBe(false);
    expect(negatedAfter(' ロックなし')).toBe(false);
    expect(negatedAfter('い')).toBe(false);
  });
});

/** A terminal, a particle, and an event in one of its forms, with the negations that form takes. */
const TERMINALS = ['端末', 'モバイル端末', '料金端末', 'スマホ', '携帯', 'タブレット', 'iPhone', 'PC', '作業用端末'];
const PARTICLES = ['', ' ', 'が', 'を', 'は'];
const EVENTS: ReadonlyArray<{ word: string; loss: string; negations: string[] }> = [
  { word: '破損', loss: 'terminalDamaged', negations: ['なし', '無し', 'じゃない', 'ではない', 'していない', 'していません', 'はしていない', 'はありません', 'しなかった', 'してない', 'はない'] },
  { word: '紛失', loss: 'terminalLost', negations: ['なし', 'じゃない', 'ではありません', 'していない', 'していません', 'してません', 'はしていない', 'の事実はない', 'していなかった'] },
  { word: '壊れ', loss: 'terminalDamaged', negations: ['ていない', 'てない', 'てません', 'ていなかった', 'てはいない', 'なかった', 'ません', 'たわけではない', 'たわけじゃない', 'てもいない', 'たりはしていない'] },
  { word: '割れ', loss: 'terminalDamaged', negations: ['ていない', 'てない', 'てはいない', 'なかった', 'たわけではない'] },
  { word: 'なくし', loss: 'terminalLost', negations: ['ていない', 'てない', 'てません', 'ていません', 'てはいない', 'たわけではない'] },
  { word: '落とし', loss: 'terminalLost', negations: ['ていない', 'てない', 'てません', 'てはいない', 'たわけではない'] },
  { word: '盗まれ', loss: 'terminalLost', negations: ['ていない', 'てない', 'てはいません', 'たわけではない'] },
];
const AFFIRMED: Record<string, string[]> = { 破損: ['', 'した', 'しました'], 紛失: ['', 'した', 'しました'] };
const pastOf = (word: string) => AFFIRMED[word] ?? ['た', 'ました', 'てしまった'];

describe('property: an event about a terminal is a case, and any of its negations is none', () => {
  const event = fc.constantFrom(...EVENTS);
  const terminal = fc.constantFrom(...TERMINALS);
  const particle = fc.constantFrom(...PARTICLES);

  it('affirmed, it opens the case of its kind', () => {
    fc.assert(
      fc.property(terminal, particle, event, fc.nat(), (t, p, e, i) => {
        const forms = pastOf(e.word);
        expect(readTerminalText(`${t}${p}${e.word}${forms[i % forms.length]}`)).toMatchObject({ loss: e.loss });
      }),
    );
  });

  it('with a negation appended, it never opens one', () => {
    fc.assert(
      fc.property(terminal, particle, event, fc.nat(), (t, p, e, i) => {
        expect(readTerminalText(`${t}${p}${e.word}${e.negations[i % e.negations.length]}`)).toBeUndefined();
      }),
    );
  });
});
