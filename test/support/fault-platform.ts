import { ChatDeliveryError, type PlatformAdapter, type PlatformTarget } from '../../src/application/chat/ports.ts';
import type { MessageView, Platform } from '../../src/application/chat/view.ts';

/** One call that reached the platform: a new message or an in-place update. */
export interface PlatformCall {
  op: 'post' | 'update';
  to: string;
  ref: string;
  key?: string;
  text: string;
}

export interface FaultPlatform extends PlatformAdapter {
  calls: PlatformCall[];
  /** Calls refused (the adapter's own retries spent: 429, 5xx, network), by fault kind. */
  refused: Record<string, number>;
  /** Decides per call whether it fails, and how; undefined: it goes through. */
  faultOf: (n: number) => FaultKind | undefined;
}

export type FaultKind = '429' | '500' | 'network';

const MESSAGE: Record<FaultKind, string> = {
  '429': 'ratelimited: Retry-After exceeded the retry budget',
  '500': 'internal_error: HTTP 500 after 4 attempts',
  network: 'ECONNRESET after 4 attempts',
};

const who = (t: PlatformTarget) => (t.kind === 'user' ? t.userRef : `#${t.channelRef}`);
const plain = (view: MessageView) => view.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

/**
 * A chat platform that fails calls as `faultOf` decides (before anything reaches the platform, as an adapter that
 * gave up on 429 / 5xx / a network error), and records every call that went through.
 */
export function faultPlatform(platform: Platform, faultOf: FaultPlatform['faultOf'] = () => undefined): FaultPlatform {
  let n = 0;
  let nextRef = 1;
  const refs = new Set<string>();
  const self: FaultPlatform = {
    platform,
    calls: [],
    refused: {},
    faultOf,
    async post(target, view, existingRef) {
      const fault = self.faultOf(++n);
      if (fault) {
        self.refused[fault] = (self.refused[fault] ?? 0) + 1;
        throw new ChatDeliveryError(platform, MESSAGE[fault], true);
      }
      const update = existingRef !== undefined && refs.has(existingRef);
      const ref = update ? existingRef : `${platform}-${nextRef++}`;
      refs.add(ref);
      self.calls.push({ op: update ? 'update' : 'post', to: who(target), ref, key: view.key, text: plain(view) });
      return ref;
    },
    async openForm() {},
    async start() {},
    async stop() {},
  };
  return self;
}

/** Logical messages (view key + recipient) posted more than once as new messages. */
export function postedTwice(calls: PlatformCall[]): string[] {
  const posts = new Map<string, number>();
  for (const c of calls) if (c.key && c.op === 'post') posts.set(`${c.key}@${c.to}`, (posts.get(`${c.key}@${c.to}`) ?? 0) + 1);
  return [...posts].filter(([, count]) => count > 1).map(([k]) => k);
}
