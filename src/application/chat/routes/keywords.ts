import { commandSpellings } from '../../../templates.ts';

/** Text as typed on a phone, for comparing with a keyword: width-folded, lower case, without spaces or end marks. */
export function keywordOf(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/[。．.!！]+$/u, '');
}

export function isOneOf(text: string, words: readonly string[]): boolean {
  return words.includes(keywordOf(text));
}

/** What may follow a command's spelling: the end, a space, a digit or punctuation (じこく is not じこ). */
const AFTER_COMMAND = /^(?:$|[\s\d:：、,。.!！?？は])/u;

/**
 * The text with a leading spelling of a command (templates/command-spellings.yaml) replaced by the command:
 * 「しんちょく」 → 「進捗」, 「じこ 漏水」 → 「事故 漏水」, 「help」 → 「ヘルプ」. Other text is returned as it came.
 */
export function canonicalCommand(text: string): string {
  const folded = text.normalize('NFKC').trim();
  const lower = folded.toLowerCase();
  for (const [spelling, command] of commandSpellings()) {
    if (lower.startsWith(spelling) && AFTER_COMMAND.test(lower.slice(spelling.length))) return command + folded.slice(spelling.length);
  }
  return text;
}
