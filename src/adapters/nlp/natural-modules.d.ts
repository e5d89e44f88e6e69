// Types for the two modules of `natural` the reply parser loads by path (the package's own types
// cover only its index, which would load all of natural: dotenv, wordnet, ~60 MB).
declare module 'natural/lib/natural/normalizers/normalizer_ja.js' {
  export function normalizeJa(text: string): string;
}

declare module 'natural/lib/natural/tokenizers/tokenizer_ja.js' {
  export default class TokenizerJa {
    tokenize(text: string): string[];
  }
}
