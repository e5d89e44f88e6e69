import { keywordOf } from '../chat/routes/keywords.ts';

/**
 * The short answers a worker types to one question of the results flow (お客さまは在宅でしたか → いなかった), read in
 * the context of that question only: the reply parser has no question, and 「止めました」 or 「いた」 alone mean nothing
 * to it. Each pattern matches the whole answer (keywordOf: width-folded, no spaces, no end marks), with polite or
 * casual endings (よ / ね / です) dropped; anything else is no answer (the question is asked again, never guessed).
 */

/** The answer as compared here: keywordOf, end particles dropped, common kana written as the kanji the patterns use. */
export function answerKey(text: string): string {
  return keywordOf(text)
    .replace(/[、,。.!！?？~〜ー]+$/u, '')
    .replace(/(?:ですよ|ですね|よね|です|よ|ね)$/u, '')
    .replace(/とま/gu, '止ま')
    .replace(/とめ/gu, '止め')
    .replace(/まわ/gu, '回')
    .replace(/うご/gu, '動')
    .replace(/しま(?=っ)/gu, '閉ま')
    .replace(/あい(?=て)/gu, '開い')
    .replace(/空い(?=て)/gu, '開い')
    .replace(/るす/gu, '留守')
    .replace(/ふざい/gu, '不在')
    .replace(/ざいたく/gu, '在宅');
}

const whole = (body: string, lead = ''): RegExp => new RegExp(`^(?:${lead})?(?:${body})$`, 'u');

/** 了解 / 承知 alone acknowledge what was said: they confirm nothing (a reading), except a customer's consent. */
const ACKNOWLEDGE = whole('了解|りょうかい|了|承知|承知しました|承知です|了解しました|了解です|わかりました|分かりました|わかった|分かった|ラジャー|らじゃー');

export const isAcknowledgement = (text: string): boolean => ACKNOWLEDGE.test(answerKey(text));

const CUSTOMER = '(?:お客さま|お客様|お客さん|客|使用者|本人|住人)(?:は|が|も)?';

const PRESENCE = {
  no: whole(
    'いなかった|居なかった|いません|居ません|いませんでした|居ませんでした|いない|居ない|おらず|おりません|おりませんでした|留守|留守でした|留守だった|不在|不在でした|不在だった|誰もいない|誰もいなかった|誰もいませんでした|いなかったです',
    CUSTOMER,
  ),
  yes: whole(
    'いた|居た|いました|居ました|います|いる|在宅|在宅でした|在宅だった|在宅中|在宅してた|在宅していました|おられました|いらっしゃいました|いらっしゃった|立会い|立ち会い|立会いあり|立ち会いあり',
    CUSTOMER,
  ),
};

/** Presence asked: true (在宅), false (不在), null (no answer). */
export function presenceWord(text: string): boolean | null {
  const key = answerKey(text);
  return PRESENCE.no.test(key) ? false : PRESENCE.yes.test(key) ? true : null;
}

const PILOT = 'パイロット(?:は|が|も)?';
const PILOT_WORDS = {
  stopped: whole(
    '止まった|止まってる|止まっている|止まってます|止まっています|止まってた|止まっていた|止まってました|止まっていました|止まりました|止まる|止めた|止めました|停止|停止した|停止しました|停止してる|停止している|停止してます|停止しています|停止中|停止確認|' +
      '回ってない|回っていない|回ってません|回っていません|回ってなかった|回っていなかった|回ってませんでした|回っていませんでした|回転なし|回転してない|回転していない|回転してません|動いてない|動いていない|動いてません|動いていません|動かない|異常なし',
    PILOT,
  ),
  turning: whole(
    '回ってる|回っている|回ってます|回っています|回ってた|回っていた|回ってました|回っていました|回る|回転|回転中|回転してる|回転している|回転してます|回転しています|回転あり|' +
      '止まってない|止まっていない|止まってません|止まっていません|止まってなかった|止まっていなかった|止まってませんでした|止まっていませんでした|止まらない|止まらず|止まりません|止まらなかった|止まりませんでした|動いてる|動いている|動いてます|動いています',
    PILOT,
  ),
};

/** The pilot asked: 'stopped', 'turning', or null. */
export function pilotWord(text: string): 'stopped' | 'turning' | null {
  const key = answerKey(text);
  return PILOT_WORDS.stopped.test(key) ? 'stopped' : PILOT_WORDS.turning.test(key) ? 'turning' : null;
}

const TAP = '(?:散水栓|水栓柱|水|外の蛇口)?(?:は|が|も|から)?(?:水)?(?:は|が)?';
const TAP_WORDS = {
  flows: whole('出る|出た|出ます|出ました|出てる|出ている|出てます|出ています|出水|出水あり|通水|通水確認|流れた|流れました|ok', TAP),
  dry: whole('出ない|出ません|出なかった|出ませんでした|出てない|出ていない|出てません|出ていません|止まった|止まってる|止まってます|止水|止水確認|断水', TAP),
  none: whole('なし|無し|ない|無い|ありません|ありませんでした|なかった|無かった|散水栓なし|水栓柱なし|散水栓はない|散水栓はなかった|散水栓ありません|どちらもなし|両方なし'),
};

const TAP_SEEN = whole('はい|あり|有り|有|ある|あります|ありました|あった|ありました|散水栓あり|散水栓有り|散水栓ある|散水栓あります|水栓柱あり|水栓柱有り|水栓柱ある|水栓柱あります|両方あり|どちらもあり');

/** 散水栓・水栓柱はありましたか → あり / はい: there is one (whether water flows is not said). */
export const tapSeenWord = (text: string): boolean => TAP_SEEN.test(answerKey(text));

export function tapWord(text: string): 'flows' | 'dry' | 'none' | null {
  const key = answerKey(text);
  return TAP_WORDS.flows.test(key) ? 'flows' : TAP_WORDS.dry.test(key) ? 'dry' : TAP_WORDS.none.test(key) ? 'none' : null;
}

const VALVE = '(?:バルブ|元栓|止水栓)?(?:は|が)?';
const VALVE_WORDS = {
  closed: whole('閉まってた|閉まっていた|閉まってました|閉まっていました|閉まってる|閉まっている|閉|閉でした|閉じてた|閉じていた|閉じてました|開いてなかった|開いていなかった|開いてませんでした|開いていませんでした', VALVE),
  open: whole('開いてた|開いていた|開いてました|開いていました|開いてる|開いている|開|開でした|閉まってなかった|閉まっていなかった|閉まってませんでした|閉まっていませんでした|閉まってない', VALVE),
};

/** バルブは閉まっていましたか: true (closed), false (open), null. */
export function valveFoundWord(text: string): boolean | null {
  const key = answerKey(text);
  return VALVE_WORDS.closed.test(key) ? true : VALVE_WORDS.open.test(key) ? false : null;
}

const DONE_VERB = '(?:し|やり|やっ|入れ|投函し|電話し|連絡し|通告し|伝え|閉め|止め|止水し|確認し|依頼し|お願いし)';
const YES_NO = {
  yes: whole(`はい|はーい|うん|ええ|ok|おk|済|済み|済です|済みです|${DONE_VERB}(?:た|ました|てます|ています|てある|てあります)|あり|あります|ありました|ある|得た|得ました|もらった|もらいました|大丈夫`),
  no: whole(
    `いいえ|いえ|いや|ううん|no|まだ|まだです|未|なし|無し|ない|無い|ありません|${DONE_VERB}(?:てない|ていない|てません|ていません|てなかった|ていなかった|ませんでした)|しない|しなかった|できてない|できていない|忘れた|忘れました|忘れてた`,
  ),
};

/** A plain yes or no to a yes/no question (した / してない …); null for anything else. */
export function yesNoWord(text: string): boolean | null {
  const key = answerKey(text);
  return YES_NO.yes.test(key) ? true : YES_NO.no.test(key) ? false : null;
}

const CONSENT = {
  yes: whole(
    '了解|りょうかい|了解です|了解済|了解済み|了解あり|了解もらった|了解もらいました|了解をもらった|了解をもらいました|了解得た|了解得ました|了解を得た|了解を得ました|了解とった|了解取った|了解取りました|了解とりました|了承|了承済|了承済み|了承あり|了承もらいました|承諾|承諾あり|承諾済み|同意|同意あり|同意もらいました|許可|許可もらいました|いいって|いいと言われました|ok|okもらいました',
    `${CUSTOMER}(?:の)?`,
  ),
  no: whole('了解なし|了解もらえなかった|了解もらえず|了解得られず|了解を得られなかった|了承なし|断られた|断られました|拒否|拒否された|拒否されました|だめと言われた|反対された', `${CUSTOMER}(?:の)?`),
};

/** お客さまの了解: true (了解あり, 了解), false (断られた), null. */
export function consentWord(text: string): boolean | null {
  const key = answerKey(text);
  return CONSENT.yes.test(key) ? true : CONSENT.no.test(key) ? false : null;
}

/** はい / いいえ and nothing else: the answer to a question asked as 〜ていますか (パイロットは止まっていますか). */
export function plainYesNo(text: string): boolean | null {
  const key = answerKey(text);
  return /^(?:はい|はーい|うん|ええ)$/u.test(key) ? true : /^(?:いいえ|いえ|ううん)$/u.test(key) ? false : null;
}

const PHONE_UNANSWERED = whole(
  'つながらない|繋がらない|つながらなかった|繋がらなかった|つながりませんでした|繋がりませんでした|つながらず|繋がらず|出ない|出なかった|出ませんでした|でなかった|留守電|留守電でした|留守電に伝言|不通|応答なし',
  '(?:電話|電話は|電話したけど|電話したが|電話しましたが)?',
);

/** 電話連絡しましたか → つながらなかった: called, unanswered. */
export const phoneUnansweredWord = (text: string): boolean => PHONE_UNANSWERED.test(answerKey(text));

const PIN_WORDS = whole('交換|交換した|交換しました|取替|取替えた|取り替えた|取り替えました|取替えました|替えた|替えました|ピン|ピン交換|ピン交換しました|ピン替えました');
export const pinWord = (text: string): boolean => PIN_WORDS.test(answerKey(text));

const LOWER_READING = {
  replaced: whole('交換|交換した|交換しました|交換済み|メーター交換|メーター交換しました|取り替えた|取り替えました|取替えました|取替済み|自分で交換|自分で交換しました'),
  differs: whole(
    '相違|相違あり|相違でした|違う|違った|違いました|ちがう|違うメーター|違うメーターでした|違うメーターが付いていた|違うメーターがついてた|別のメーター|別のメーターでした|別|検満|検満でした|検満取替|検満で交換済み|登録と違う|登録と違った|登録と違いました|番号が違う|番号が違った|番号が違いました',
    '(?:メーター(?:が|は)?)?',
  ),
  misread: whole('読み間違い|読み間違いでした|読み違い|読み違いでした|間違えた|間違えました|見間違い|見間違えた|見間違えました|誤読|読み直します|いいえ'),
};

/** 指針が前回より小さい (交換 / 相違 / 読み間違い): what the worker says happened, or null. */
export function lowerReadingWord(text: string): 'replaced' | 'differs' | 'misread' | null {
  const key = answerKey(text);
  if (LOWER_READING.replaced.test(key)) return 'replaced';
  if (LOWER_READING.differs.test(key)) return 'differs';
  return LOWER_READING.misread.test(key) ? 'misread' : null;
}
