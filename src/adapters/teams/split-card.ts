/** One element of an Adaptive Card body (TextBlock, FactSet, ActionSet, Input.*). */
export type CardElement = Record<string, unknown>;

/** Teams refuses a card over about 28 KB (and an activity over 100 KB): stay well under, JSON-encoded. */
export const MAX_CARD_BYTES = 24_000;
/** Room for the card's own fields around its body. */
const CARD_OVERHEAD = 300;

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** Bytes a piece of text takes inside a JSON string. */
const textBytes = (s: string) => bytes(s) - 2;

/** Cuts one line into pieces of at most `max` bytes, character by character. */
function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const ch of line) {
    const size = textBytes(ch);
    if (used + size > max && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += ch;
    used += size;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * Splits text at `separator` (card text: paragraphs, '\n\n') into pieces of at most `max` bytes; a single
 * paragraph longer than that is cut inside.
 */
export function splitText(text: string, max: number, separator = '\n'): string[] {
  const pieces: string[] = [];
  let current: string | undefined;
  for (const line of text.split(separator)) {
    const candidate = current === undefined ? line : `${current}${separator}${line}`;
    if (textBytes(candidate) <= max) {
      current = candidate;
      continue;
    }
    if (current !== undefined) pieces.push(current);
    const cut = cutLine(line, max);
    current = cut.pop();
    pieces.push(...cut);
  }
  pieces.push(current ?? '');
  return pieces;
}

/** An element too big for one card, cut into elements that each fit (text by lines, facts and buttons by count). */
function splitElement(el: CardElement, max: number): CardElement[] {
  if (bytes(el) <= max) return [el];
  if (el.type === 'TextBlock' && typeof el.text === 'string') {
    return splitText(el.text, max - bytes({ ...el, text: '' }), '\n\n').map((text, i) => ({ ...el, text, ...(i > 0 ? { separator: false } : {}) }));
  }
  const listKey = el.type === 'FactSet' ? 'facts' : el.type === 'ActionSet' ? 'actions' : undefined;
  const list = listKey ? (el[listKey] as unknown[]) : [];
  if (!listKey || list.length < 2) throw new Error(`a ${String(el.type)} element does not fit in one Teams card`);
  const half = Math.ceil(list.length / 2);
  return [
    ...splitElement({ ...el, [listKey]: list.slice(0, half) }, max),
    ...splitElement({ ...el, [listKey]: list.slice(half), separator: false }, max),
  ];
}

/** Packs body elements, in order, into as few card bodies as fit under `maxCardBytes` each. */
export function packElements(elements: CardElement[], maxCardBytes = MAX_CARD_BYTES): CardElement[][] {
  const budget = maxCardBytes - CARD_OVERHEAD;
  const bodies: CardElement[][] = [];
  let body: CardElement[] = [];
  let used = 0;
  for (const el of elements.flatMap((e) => splitElement(e, budget))) {
    const size = bytes(el) + 1;
    if (body.length > 0 && used + size > budget) {
      bodies.push(body);
      body = [];
      used = 0;
    }
    body.push(body.length === 0 && el.separator ? { ...el, separator: false } : el);
    used += size;
  }
  if (body.length > 0) bodies.push(body);
  return bodies;
}
