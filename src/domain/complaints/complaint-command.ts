/** 苦情 typed in the bureau channel: `苦情 水が出ない 金沢市広坂1丁目1-1` or `苦情 お客さま番号 1234567890 …`. */
export const COMPLAINT_KINDS = ['noWater', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

export const isComplaintKind = (value: unknown): value is ComplaintKind =>
  typeof value === 'string' && (COMPLAINT_KINDS as readonly string[]).includes(value);

export interface ComplaintCommand {
  kind: ComplaintKind;
  address: string | null;
  customerNumber: string | null;
  /** What was typed besides the address and the customer number. */
  description: string;
}

const COMMAND = /^苦情(?:[\s:：]+|$)([\s\S]*)$/u;
const CUSTOMER_NUMBER = /(?:お客さま番号|お客様番号|顧客番号|お客さまNo\.?)\s*[:：]?\s*(\d{4,20})/u;
const NO_WATER = /水が?出な|水がでな|出水不良|断水|水が止ま/u;
const HYPHENS = /[‐‑–—―−ー－]/gu;

/** One whitespace-free token that reads as an address: city or 丁目/番地 in it, or a place name with 1-2-3 numbers. */
function isAddressToken(token: string): boolean {
  if (/^(?:石川県)?金沢市./u.test(token) || /丁目|番地/u.test(token)) return true;
  return /^[^\d\s]+\d+(?:-\d+)+$/u.test(token.replace(HYPHENS, '-'));
}

/** undefined when the text is not a 苦情 command. Width is folded first (１２３ → 123). */
export function parseComplaintCommand(text: string): ComplaintCommand | undefined {
  const m = COMMAND.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  let rest = m[1]!.trim();
  const number = CUSTOMER_NUMBER.exec(rest);
  if (number) rest = rest.replace(number[0], ' ');
  const tokens = rest.split(/\s+/u).filter(Boolean);
  const at = tokens.findIndex(isAddressToken);
  const address = at >= 0 ? tokens.splice(at, 1)[0]! : null;
  const description = tokens.join(' ');
  return {
    kind: NO_WATER.test(description) ? 'noWater' : 'other',
    address,
    customerNumber: number ? number[1]! : null,
    description,
  };
}

/**
 * An address as compared with the work orders: width folded, spaces and the prefecture/city dropped, 丁目・番地・番・号
 * and dash variants made one '-' ("金沢市広坂１丁目１番１号" and "広坂1-1-1" compare equal).
 */
export function addressKey(address: string): string {
  return address
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(HYPHENS, '-')
    .replace(/^石川県/u, '')
    .replace(/^金沢市/u, '')
    .replace(/(\d+)(?:丁目|番地|番)/gu, '$1-')
    .replace(/(\d+)号/gu, '$1')
    .replace(/-+/gu, '-')
    .replace(/-$/u, '');
}
