import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { derivedFromFiles } from '../../derived-cache.ts';
import type { ConsumableItem } from '../../domain/consumables/consumable-items.ts';
import { REPLY_FACTS, REPLY_OUTCOMES, type ReplyFact, type ReplyKind, type ReplyOutcome } from '../../domain/replies/parsed-reply.ts';
import { foldPhrase } from './reply-text.ts';

/** What a phrase of the vocabulary means. */
export type Signal =
  | { type: 'kind'; value: ReplyKind }
  | { type: 'outcome'; value: ReplyOutcome }
  | { type: 'fact'; value: ReplyFact }
  | { type: 'doubt' }
  /** A word saying something did not happen (なし, していない); `prefix` ones (未) may also precede the fact. */
  | { type: 'negation'; prefix: boolean }
  | { type: 'neutral' };

export type ShortSignal = 'confirm' | 'deny' | 'status' | 'help' | 'filler';

export interface PhraseEntry<S> {
  phrase: string;
  signal: S;
}

/** Phrases by first character, longest first. */
export type PhraseIndex<S> = Map<string, PhraseEntry<S>[]>;

export interface Vocabulary {
  shortReplies: PhraseIndex<ShortSignal>;
  result: PhraseIndex<Signal>;
  particles: Set<string>;
  markers: { reading: string[]; taskRef: string[]; meterNumber: string[]; diameter: string[] } & Record<ConsumableItem, string[]>;
}

function schemaOf(zod: typeof z) {
  const phrases = zod.array(zod.string().min(1)).min(1);
  return zod.object({
    shortReplies: zod.object({ confirm: phrases, deny: phrases, status: phrases, help: phrases, filler: phrases }),
    kinds: zod.object({ open: phrases, close: phrases, transfer: phrases, other: phrases }),
    outcomes: zod.object({ done: phrases, absent: phrases, not_done: phrases }),
    doubt: phrases,
    facts: zod.partialRecord(zod.enum(REPLY_FACTS), phrases),
    negation: zod.object({ after: phrases, prefix: phrases }),
    neutral: phrases,
    particles: phrases,
    markers: zod.object({ reading: phrases, taskRef: phrases, meterNumber: phrases, diameter: phrases, valvePin: phrases, copperWire: phrases, seal: phrases }),
  });
}
type RawVocabulary = z.infer<ReturnType<typeof schemaOf>>;

const VOCABULARY_FILE = fileURLToPath(new URL('./reply-vocabulary.yaml', import.meta.url));
let cached: Vocabulary | undefined;

/**
 * The YAML file, checked, is kept as JSON between processes (src/derived-cache.ts): the YAML parser and zod (a few
 * hundred modules) are loaded only when the file changed, not by every `kaiheisen parse`.
 */
export function vocabulary(): Vocabulary {
  cached ??= buildVocabulary(derivedFromFiles('reply-vocabulary', [VOCABULARY_FILE], ([text]) => checked(text!)));
  return cached;
}

function checked(text: string): RawVocabulary {
  const requireHere = createRequire(import.meta.url);
  const { parse } = requireHere('yaml') as typeof import('yaml');
  return schemaOf((requireHere('zod') as typeof import('zod')).z).parse(parse(text));
}

function buildVocabulary(raw: RawVocabulary): Vocabulary {
  const short = raw.shortReplies;
  return {
    shortReplies: indexPhrases<ShortSignal>([
      ...(['confirm', 'deny', 'status', 'help', 'filler'] as const).map((s) => [short[s], s] as const),
    ]),
    result: indexPhrases<Signal>(resultGroups(raw)),
    particles: new Set(raw.particles.map(foldPhrase)),
    markers: {
      reading: raw.markers.reading.map(foldPhrase),
      taskRef: raw.markers.taskRef.map(foldPhrase),
      meterNumber: raw.markers.meterNumber.map(foldPhrase),
      diameter: raw.markers.diameter.map(foldPhrase),
      valvePin: raw.markers.valvePin.map(foldPhrase),
      copperWire: raw.markers.copperWire.map(foldPhrase),
      seal: raw.markers.seal.map(foldPhrase),
    },
  };
}

function resultGroups(raw: RawVocabulary): (readonly [string[], Signal])[] {
  const kinds = (['open', 'close', 'transfer', 'other'] as const).map((k) => [raw.kinds[k], { type: 'kind', value: k }] as const);
  const outcomes = REPLY_OUTCOMES.map((o) => [raw.outcomes[o], { type: 'outcome', value: o }] as const);
  const listed = new Set(Object.values(raw.facts).flatMap((list) => (list ?? []).map(foldPhrase)));
  const facts = Object.entries(raw.facts).map(
    ([fact, list]) => [withTopicParticles(list ?? [], listed), { type: 'fact', value: fact as ReplyFact }] as const,
  );
  return [
    ...kinds,
    ...outcomes,
    ...facts,
    [raw.doubt, { type: 'doubt' }],
    [raw.negation.after, { type: 'negation', prefix: false }],
    [raw.negation.prefix, { type: 'negation', prefix: true }],
    [raw.neutral, { type: 'neutral' }],
  ];
}

/** The pilot as topic or subject (パイロットは / が / も止まりました) means what パイロット止まりました means. */
const PILOT = foldPhrase('パイロット');

function withTopicParticles(list: readonly string[], listed: Set<string>): string[] {
  const out = [...list];
  for (const phrase of list) {
    const folded = foldPhrase(phrase);
    if (!folded.startsWith(PILOT) || folded.length === PILOT.length || /^[はがも]/.test(folded.slice(PILOT.length))) continue;
    for (const particle of ['は', 'が', 'も']) {
      const variant = PILOT + particle + folded.slice(PILOT.length);
      if (!listed.has(variant)) {
        listed.add(variant);
        out.push(variant);
      }
    }
  }
  return out;
}

/** A phrase may mean one thing only within an index: a second meaning is a mistake in the data file. */
function indexPhrases<S>(groups: readonly (readonly [readonly string[], S])[]): PhraseIndex<S> {
  const seen = new Map<string, S>();
  const index: PhraseIndex<S> = new Map();
  for (const [list, signal] of groups) {
    for (const raw of list) {
      const phrase = foldPhrase(raw);
      if (!phrase || /\d/.test(phrase)) throw new Error(`reply vocabulary: unusable phrase "${raw}"`);
      if (seen.has(phrase)) throw new Error(`reply vocabulary: "${raw}" is listed twice`);
      seen.set(phrase, signal);
      const first = phrase[0] as string;
      const bucket = index.get(first) ?? [];
      bucket.push({ phrase, signal });
      index.set(first, bucket);
    }
  }
  for (const bucket of index.values()) bucket.sort((a, b) => b.phrase.length - a.phrase.length);
  return index;
}

/** The longest phrase of `index` that starts at `at` in `chars`. */
export function longestPhraseAt<S>(index: PhraseIndex<S>, chars: string, at: number): PhraseEntry<S> | undefined {
  const bucket = index.get(chars[at] as string);
  return bucket?.find((entry) => chars.startsWith(entry.phrase, at));
}
