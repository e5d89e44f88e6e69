import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { TemplateKeys } from './template-keys.ts';
import { derivedFromFiles } from './derived-cache.ts';

// The YAML parser is loaded only when the templates changed since a process last parsed them (src/derived-cache.ts):
// importing this module or asking for a text costs a short CLI command next to nothing.
const requireHere = createRequire(import.meta.url);
const parse = (text: string): unknown => (requireHere('yaml') as typeof import('yaml')).parse(text);

/**
 * User-facing wording lives in templates/*.yaml (one flat map of key → text per file, merged).
 * `{name}` is replaced by params.name. A missing key or parameter is a programming error: it throws.
 */
const TEMPLATES_DIR = fileURLToPath(new URL('../templates', import.meta.url));
let cache: Map<string, string> | undefined;

function load(): Map<string, string> {
  const names = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.ja.yaml')).sort();
  const entries = derivedFromFiles('templates', names.map((f) => join(TEMPLATES_DIR, f)), (texts) => merged(names, texts));
  return new Map(entries);
}

function merged(names: string[], texts: string[]): [string, string][] {
  const map = new Map<string, string>();
  texts.forEach((text, i) => {
    for (const [key, value] of Object.entries(flatten(parse(text) as Record<string, unknown>))) {
      if (map.has(key)) throw new Error(`template key defined twice: ${key} (${names[i]})`);
      map.set(key, value);
    }
  });
  return [...map];
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
    else throw new Error(`template ${key} is not text`);
  }
  return out;
}

export type TemplateParams = Record<string, string | number>;
export type TemplateKey = keyof TemplateKeys;

/** A key's parameters: exactly the names its text uses (checked by tsc; src/template-keys.ts is written from the YAML). */
type ParamsOf<K extends TemplateKey> = [TemplateKeys[K]] extends [never] ? [params?: Record<string, never>] : [params: Record<TemplateKeys[K], string | number>];

export function t<K extends TemplateKey>(key: K, ...params: ParamsOf<K>): string {
  return templateText(key, (params[0] ?? {}) as TemplateParams);
}

/**
 * For a key chosen at run time (a table name, a reply kind): checked when it is used, not by tsc. Prefer t() with a
 * literal key wherever the key is known in the code.
 */
export function templateText(key: string, params: TemplateParams = {}): string {
  cache ??= load();
  const text = cache.get(key);
  if (text === undefined) throw new Error(`unknown template key: ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`template ${key} needs {${name}}`);
    return String(value);
  });
}

export function hasTemplate(key: string): boolean {
  cache ??= load();
  return cache.has(key);
}

const SPELLINGS_FILE = join(TEMPLATES_DIR, 'command-spellings.yaml');
let spellings: ReadonlyArray<readonly [string, string]> | undefined;

/**
 * templates/command-spellings.yaml as [spelling, command] pairs, spellings width-folded and in lower case, the longest
 * first (so that a longer spelling wins over its prefix).
 */
export function commandSpellings(): ReadonlyArray<readonly [string, string]> {
  if (spellings) return spellings;
  const doc = parse(readFileSync(SPELLINGS_FILE, 'utf8')) as Record<string, unknown>;
  const pairs: [string, string][] = [];
  for (const [command, list] of Object.entries(doc)) {
    if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) throw new Error(`command-spellings.yaml: ${command} is not a list of spellings`);
    for (const s of list as string[]) pairs.push([s.normalize('NFKC').toLowerCase(), command]);
  }
  spellings = pairs.sort((a, b) => b[0].length - a[0].length);
  return spellings;
}
