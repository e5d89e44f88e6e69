import { describe, expect, it } from 'vitest';
import { decodeRef, encodeRef } from '../../../../src/adapters/slack/message-ref.ts';

describe('message refs', () => {
  it('encodes one message as CHANNEL:TS and several as a JSON array, and decodes both', () => {
    const one = [{ channel: 'D0KAIHEI1', ts: '1764028800.000100' }];
    const two = [...one, { channel: 'D0KAIHEI1', ts: '1764028800.000200' }];
    expect(encodeRef(one)).toBe('D0KAIHEI1:1764028800.000100');
    expect(encodeRef(two)).toBe('["D0KAIHEI1:1764028800.000100","D0KAIHEI1:1764028800.000200"]');
    expect(decodeRef(encodeRef(one))).toEqual(one);
    expect(decodeRef(encodeRef(two))).toEqual(two);
  });

  it('decodes a foreign ref to nothing', () => {
    for (const ref of ['', 'teams:abc', '[1,2]', '["x"]', '[']) expect(decodeRef(ref)).toEqual([]);
  });
});
