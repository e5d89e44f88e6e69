import { createHash } from 'node:crypto';
import { FieldCipher } from '../../src/adapters/crypto/field-cipher.ts';
import { keyIdOf, type DataKey, type Keyring } from '../../src/adapters/crypto/keyring.ts';
import { tempDatabase, type TempDatabase } from './temp-db.ts';

/** A fixed synthetic data key per seed: tests pass keys explicitly, never a real one. */
export function testKey(seed = 'one'): DataKey {
  const key = createHash('sha256').update(`kaiheisen-test-key:${seed}`).digest();
  return { id: keyIdOf(key), key, createdAt: null };
}

/** KAIHEISEN_DATA_KEY of the test key: what a bot with Slack or Teams configured must be given. */
export const TEST_KEY_ENV: Record<string, string> = { KAIHEISEN_DATA_KEY: testKey().key.toString('base64') };

export function testKeyring(...seeds: string[]): Keyring {
  const keys = (seeds.length > 0 ? seeds : ['one']).map(testKey);
  return { source: { kind: 'env' }, current: keys[0]!, keys };
}

export function testCipher(...seeds: string[]): FieldCipher {
  return new FieldCipher(testKeyring(...seeds));
}

/** Like tempDatabase(), with personal fields encrypted as in production. */
export async function encryptedTempDatabase(cipher: FieldCipher = testCipher()): Promise<TempDatabase> {
  return tempDatabase({ cipher }, 'kaiheisen-enc-');
}
