import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../../src/adapters/db/database.ts';

describe('redactUrl: a database URL as messages, logs, key files and disposal records show it', () => {
  it.each([
    ['postgres://kaiheisen:s3cret@db:5432/k', 'postgres://kaiheisen:***@db:5432/k'],
    ['postgresql://kaiheisen:p@ss@db/k', 'postgresql://kaiheisen:***@db/k'],
    ['postgres://kaiheisen@db/k?password=LkZq9&connect_timeout=5', 'postgres://kaiheisen@db/k?password=***&connect_timeout=5'],
    ['postgres://db/k?sslmode=require&sslpassword=abc', 'postgres://db/k?sslmode=require&sslpassword=***'],
    ['postgres://u@h:notaport/x?PASSWORD=a', 'postgres://u@h:notaport/x?PASSWORD=***'],
    ['file:./data/kaiheisen.db', 'file:./data/kaiheisen.db'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
