import { describe, expect, it } from 'vitest';
import { readTerminalText } from '../../../../src/domain/incidents/terminal-text.ts';

describe('readTerminalText (作業用端末の破損・紛失)', () => {
  it.each([
    ['端末 破損', 'terminalDamaged', null],
    ['端末 紛失', 'terminalLost', null],
    ['モバイル端末を落として画面が割れた', 'terminalDamaged', 'mobile'],
    ['端末をなくした', 'terminalLost', null],
    ['料金システム端末が故障しました', 'terminalDamaged', 'billing'],
    ['ﾓﾊﾞｲﾙ端末　紛失', 'terminalLost', 'mobile'],
    ['タブレットが見当たらない', 'terminalLost', 'mobile'],
    ['端末の画面が割れて、そのあと紛失した', 'terminalLost', null],
    ['破損 端末', 'terminalDamaged', null],
    ['紛失した料金端末', 'terminalLost', 'billing'],
  ] as const)('%s → %s (%s)', (text, loss, terminal) => {
    expect(readTerminalText(text)).toMatchObject({ loss, terminal, description: text.normalize('NFKC').trim() });
  });

  it.each([
    '端末は壊れていない',
    '端末 破損なし',
    '端末の紛失はありません',
    'モバイル端末は割れてない',
    '端末 壊れてはいない',
    '0012 開栓完了 指針1187',
    '画面が割れた',
    '鍵を紛失した',
    '端末の充電が切れそう',
    'メーターのガラスが割れていた、端末と番号が違う',
    '0012 閉栓完了 メーター破損あり 端末に入力済み',
  ])('%s is no terminal case', (text) => {
    expect(readTerminalText(text)).toBeUndefined();
  });

  it('reads whether it was locked and held customer data, when said', () => {
    expect(readTerminalText('モバイル端末 紛失 ロック済 顧客データあり')).toMatchObject({ locked: true, customerData: true });
    expect(readTerminalText('端末 紛失 ロックなし 個人情報は入っていない')).toMatchObject({ locked: false, customerData: false });
    expect(readTerminalText('端末 紛失')).toMatchObject({ locked: null, customerData: null });
  });
});
