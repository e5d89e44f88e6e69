import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../../../src/adapters/crypto/field-cipher.ts';
import { testCipher, testKey } from '../../../support/test-cipher.ts';

/** AES-256-GCM fields with IVs drawn in bulk (issue 15): every IV fresh, the stored format unchanged. */
describe('FieldCipher', () => {
  it('gives every value its own IV, across many bulk draws, and reads each back', () => {
    const cipher = testCipher();
    const values = Array.from({ length: 10_000 }, () => cipher.encrypt('髙橋 美咲'));
    const ivs = new Set(values.map((v) => v.split(':')[3]));
    expect(ivs.size).toBe(values.length);
    expect(new Set(values.map((v) => cipher.decrypt(v)))).toEqual(new Set(['髙橋 美咲']));
  });

  it('writes the format values were always stored in, and reads one written without the class', () => {
    const key = testKey();
    const iv = Buffer.alloc(12, 7);
    const aes = createCipheriv('aes-256-gcm', deriveKey(key, 'field'), iv);
    const data = Buffer.concat([aes.update('石川県金沢市広坂1-1', 'utf8'), aes.final()]);
    const stored = `enc:v1:${key.id}:${iv.toString('base64')}:${aes.getAuthTag().toString('base64')}:${data.toString('base64')}`;
    expect(testCipher().decrypt(stored)).toBe('石川県金沢市広坂1-1');
    expect(testCipher().encrypt('x')).toMatch(new RegExp(`^enc:v1:${key.id}:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]+$`));
    expect(testCipher().encrypt('')).toMatch(/:$/); // an empty text: no ciphertext bytes, as before
  });
});
