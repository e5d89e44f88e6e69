/**
 * The matches of /(?<![\d.])(GROUPED|PLAIN)\s*UNIT/g (GROUPED = \d{1,3}(?:,\d{3})+(?![\d.]),
 * PLAIN = \d+(?:\.\d+)?), exactly as `matchAll` gives them, in linear time.
 *
 * `matchAll` tries GROUPED at the start of every group of 1,111,111,…: each try runs to the end of the
 * chain and back, quadratic in its length. A try from a group start behaves like the try from the
 * group before it (same chain end, one group fewer): once GROUPED failed at one group start it fails
 * at every later group start of that chain, and is not tried there again. PLAIN is tried as before.
 */
export function unitNumberMatches(unit: string): (text: string) => Generator<RegExpExecArray> {
  const grouped = new RegExp(String.raw`(?<![\d.])(\d{1,3}(?:,\d{3})+(?![\d.]))\s*${unit}`, 'y');
  const plain = new RegExp(String.raw`(?<![\d.])(\d+(?:\.\d+)?)\s*${unit}`, 'y');
  return function* matches(text: string): Generator<RegExpExecArray> {
    let failedAt = -1; // where GROUPED last failed, and the length of the digit run there
    let failedRun = 0;
    let at = 0;
    while (at < text.length) {
      if (!isDigit(text, at) || isDigit(text, at - 1) || text[at - 1] === '.') {
        at += 1;
        continue;
      }
      const run = digitRun(text, at);
      const known = failedAt >= 0 && failedRun <= 3 && at === failedAt + failedRun + 1 && text[at - 1] === ',' && run >= 3;
      const m = (known ? null : execAt(grouped, text, at)) ?? execAt(plain, text, at);
      if (m) {
        yield m;
        at += m[0].length;
        continue;
      }
      failedAt = at;
      failedRun = run;
      at += 1;
    }
  };
}

function execAt(regex: RegExp, text: string, at: number): RegExpExecArray | null {
  regex.lastIndex = at;
  return regex.exec(text);
}

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at); // NaN outside the text
  return code >= 0x30 && code <= 0x39;
}

function digitRun(text: string, at: number): number {
  let end = at;
  while (isDigit(text, end)) end += 1;
  return end - at;
}
