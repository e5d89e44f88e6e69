import { LineCounter, parseDocument, type Document } from 'yaml';
import { t } from '../../templates.ts';

/**
 * YAML from a user's file (staff file, import mapping, simulate script). An alias (*name) may stand for a node
 * that holds aliases itself: nine of them nested nine deep are a few hundred bytes that expand to 387 million
 * nodes ("billion laughs"). Expansion is counted and refused above this, far more than any real file uses.
 */
export const MAX_ALIAS_COUNT = 100;

export type UserYaml =
  | { ok: true; doc: Document; lineCounter: LineCounter; value: unknown }
  /** What is wrong, in Japanese, one line each (with line and column where the parser gives them). */
  | { ok: false; problems: string[] };

/** Parses YAML (or JSON) text; every failure of the parser becomes a problem line, never an exception. */
export function parseUserYaml(text: string): UserYaml {
  const lineCounter = new LineCounter();
  try {
    const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false });
    if (doc.errors.length > 0) {
      return { ok: false, problems: doc.errors.map((e) => t('yaml.syntax', { ...lineCounter.linePos(e.pos[0]), detail: e.message })) };
    }
    return { ok: true, doc, lineCounter, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { ok: false, problems: [problemOf(e)] };
  }
}

function problemOf(e: unknown): string {
  // yaml throws a ReferenceError "Excessive alias count …" when the expansion passes maxAliasCount.
  if (e instanceof ReferenceError && /alias/i.test(e.message)) return t('yaml.tooManyAliases', { max: MAX_ALIAS_COUNT });
  if (e instanceof RangeError) return t('yaml.tooDeep');
  return t('yaml.unreadable', { detail: e instanceof Error ? e.message : String(e) });
}
