const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex alternation of the words, longest first, each escaped. */
export const alternatives = (words: string[]): string =>
  [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
