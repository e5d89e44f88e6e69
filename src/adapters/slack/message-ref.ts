/**
 * The message reference post() returns: `CHANNEL:TS` for one message, a JSON array of those when a long view
 * was split into several messages (all are updated together).
 */
export interface SlackMessageId {
  channel: string;
  ts: string;
}

const one = (id: SlackMessageId) => `${id.channel}:${id.ts}`;

function parseOne(text: string): SlackMessageId | undefined {
  const m = /^([A-Z0-9]+):(\d+\.\d+)$/.exec(text);
  return m ? { channel: m[1]!, ts: m[2]! } : undefined;
}

export function encodeRef(ids: SlackMessageId[]): string {
  if (ids.length === 0) throw new Error('a message ref needs at least one message');
  return ids.length === 1 ? one(ids[0]!) : JSON.stringify(ids.map(one));
}

/** The messages behind a ref; an empty array when it is not one of ours (then the view is posted anew). */
export function decodeRef(ref: string): SlackMessageId[] {
  if (!ref.startsWith('[')) {
    const id = parseOne(ref);
    return id ? [id] : [];
  }
  try {
    const list = JSON.parse(ref) as unknown;
    if (!Array.isArray(list)) return [];
    const ids = list.map((x) => (typeof x === 'string' ? parseOne(x) : undefined));
    return ids.every((x): x is SlackMessageId => x !== undefined) ? ids : [];
  } catch {
    return [];
  }
}
