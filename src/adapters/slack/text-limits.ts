/**
 * Slack text rules: `&`, `<` and `>` are control characters in mrkdwn (and in the top-level `text`), and every
 * text field has a length limit. Cuts never split a grapheme (emoji, combining marks) nor an escape entity.
 */
const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const identity = (s: string) => s;

function* graphemes(text: string): Generator<string> {
  for (const { segment } of segmenter.segment(text)) yield segment;
}

/**
 * `escape(text)` cut to at most `max` UTF-16 units (Slack counts characters; UTF-16 length is never smaller),
 * ending with '…' when something was cut.
 */
export function cutText(text: string, max: number, escape: (s: string) => string = identity): string {
  const full = escape(text);
  if (full.length <= max) return full;
  let out = '';
  for (const g of graphemes(text)) {
    const piece = escape(g);
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Splits text into chunks of at most `max` units, at line breaks where possible, never inside a grapheme. */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current) chunks.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    flush();
    if (line.length <= max) {
      current = line;
      continue;
    }
    for (const g of graphemes(line)) {
      if (current.length + g.length > max) flush();
      current += g;
    }
  }
  flush();
  return chunks;
}

/** Groups items into arrays of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
