// Writes src/template-keys.ts from templates/*.ja.yaml: every key and the parameters its text uses, so that `tsc`
// checks each t('key', params) call. `npm run templates:types` after editing a template; `npm test` fails while the
// written file is behind the templates (test/unit/template-keys.test.ts).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TEMPLATE_KEYS_FILE = join(ROOT, 'src', 'template-keys.ts');

function flatten(obj: Record<string, unknown>, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key, out);
  }
  return out;
}

/** The file's text: one line per key, its parameters in the order they first appear. */
export function templateKeysSource(dir = join(ROOT, 'templates')): string {
  const keys = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ja.yaml')).sort()) {
    for (const [key, text] of flatten(parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>)) keys.set(key, text);
  }
  const lines = [...keys.keys()].sort().map((key) => {
    const params = [...new Set([...keys.get(key)!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
    return `  '${key}': ${params.length === 0 ? 'never' : `'${params.join("' | '")}'`};`;
  });
  return [
    '// Written by `npm run templates:types` from templates/*.ja.yaml: do not edit by hand.',
    '/** Every template key, and the names of the parameters its text uses (never: none). */',
    'export interface TemplateKeys {',
    ...lines,
    '}',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TEMPLATE_KEYS_FILE, templateKeysSource());
  console.log(`written: ${TEMPLATE_KEYS_FILE}`);
}
