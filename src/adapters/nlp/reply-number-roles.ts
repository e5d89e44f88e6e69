import type { AmbiguityCode } from '../../domain/replies/parsed-reply.ts';
import { isContractDiameter } from '../../domain/work-order/task-kind.ts';
import type { NumberToken } from './reply-numbers.ts';

/** Meter registers of the contract's bores (φ13–φ40) have at most 7 digits. */
const MAX_READING = 9_999_999;

export interface NumberRoleOptions {
  /** Index of the reply's first meaningful character: a bare number there is the order reference. */
  leadingAt: number | null;
  /** End of the first kind or outcome word: one bare number after it is the reading. */
  anchorEnd: number | null;
  /** The conversation asked for a reading: one bare number is the reading, not an order reference. */
  awaitingReading: boolean;
}

export interface NumberRoles {
  taskRef: string | null;
  reading: number | null;
  meterNumber: string | null;
  meterDiameterMm: number | null;
  ambiguities: AmbiguityCode[];
  taskRefToken: NumberToken | null;
  /** Tokens read as structure (their text is not part of a reason or note). */
  used: NumberToken[];
}

export function assignNumberRoles(tokens: NumberToken[], options: NumberRoleOptions): NumberRoles {
  const ambiguities: AmbiguityCode[] = [];
  const taskRefToken = pickTaskRef(tokens, options, ambiguities);
  const bare = tokens.filter((t) => t.role === 'bare' && t !== taskRefToken);
  const readingToken = pickReading(tokens, bare, options, ambiguities);
  const meterToken = tokens.find((t) => t.role === 'meterNumber') ?? null;
  const diameterToken = tokens.find((t) => t.role === 'diameter') ?? null;
  const diameter = diameterToken ? Number(diameterToken.value) : null;
  if (diameter !== null && !isContractDiameter(diameter)) ambiguities.push('meterDiameter.invalid');
  return {
    taskRef: taskRefToken?.value ?? null,
    reading: readingToken ? readingValue(readingToken, ambiguities) : null,
    meterNumber: meterToken?.value ?? null,
    meterDiameterMm: diameter !== null && isContractDiameter(diameter) ? diameter : null,
    ambiguities,
    taskRefToken,
    used: [taskRefToken, readingToken, meterToken, diameterToken].filter((t): t is NumberToken => t !== null),
  };
}

function pickTaskRef(tokens: NumberToken[], options: NumberRoleOptions, ambiguities: AmbiguityCode[]): NumberToken | null {
  const marked = tokens.filter((t) => t.role === 'taskRef');
  if (new Set(marked.map((t) => t.value)).size > 1) {
    ambiguities.push('taskRef.multiple');
    return null;
  }
  // Awaiting a reading, a lone number is the reading; with the reading marked (指針1200), a leading number is still
  // the order of a whole new result (「0013 開栓完了 指針1200」).
  const readingMarked = tokens.some((t) => t.role === 'reading');
  const leadingIsRef = !(options.awaitingReading && !readingMarked) && options.leadingAt !== null;
  const leading = leadingIsRef ? tokens.find((t) => t.role === 'bare' && t.start === options.leadingAt) : undefined;
  const ref = marked[0] ?? (leading && /^\d+$/.test(leading.value) ? leading : null);
  if (ref && anotherOrderNumber(tokens, ref)) {
    ambiguities.push('taskRef.multiple');
    return null;
  }
  return ref;
}

/**
 * 0051 閉栓完了 0052 閉栓完了: a second bare number shaped like the order reference (led by 0, as many digits) is
 * another order, not a reading: which one the message is about is not guessed.
 */
function anotherOrderNumber(tokens: NumberToken[], ref: NumberToken): boolean {
  if (!/^0\d{3,}$/.test(ref.value)) return false;
  return tokens.some((t) => t !== ref && t.role === 'bare' && /^0\d+$/.test(t.value) && t.value.length === ref.value.length && t.value !== ref.value);
}

function pickReading(
  tokens: NumberToken[],
  bare: NumberToken[],
  options: NumberRoleOptions,
  ambiguities: AmbiguityCode[],
): NumberToken | null {
  const marked = tokens.filter((t) => t.role === 'reading');
  if (new Set(marked.map((t) => `${t.negative ? '-' : ''}${t.value}`)).size > 1) {
    ambiguities.push('reading.multipleNumbers');
    return null;
  }
  if (marked[0]) {
    if (bare.length > 0) ambiguities.push('number.unassigned');
    return marked[0];
  }
  if (bare.length > 1) ambiguities.push('reading.multipleNumbers');
  if (bare.length !== 1) return null;
  const only = bare[0] as NumberToken;
  if (options.awaitingReading || (options.anchorEnd !== null && only.start >= options.anchorEnd)) return only;
  ambiguities.push('reading.unmarked');
  return null;
}

function readingValue(token: NumberToken, ambiguities: AmbiguityCode[]): number | null {
  if (token.negative) ambiguities.push('reading.negative');
  else if (!/^\d+$/.test(token.value)) ambiguities.push('reading.notInteger');
  else if (Number(token.value) > MAX_READING) ambiguities.push('reading.tooLarge');
  else return Number(token.value);
  return null;
}
