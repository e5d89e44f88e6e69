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
