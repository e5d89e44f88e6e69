import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { TEST_DIALECT } from '../../support/temp-db.ts';

/** A PostgreSQL that cannot be reached is named (password masked) with the reason, in Japanese: never a bare driver error. */
describe('opening a PostgreSQL database that cannot be used', () => {
  it('says the connection was refused, without the password', async () => {
    const failed = openDatabase('postgres://kaiheisen:s3cret@127.0.0.1:1/kaiheisen?password=s3cret');
    await expect(failed).rejects.toThrow('PostgreSQL のデータベース postgres://kaiheisen:***@127.0.0.1:1/kaiheisen?password=*** に接続できません: 接続を拒否されました');
    await expect(failed).rejects.not.toThrow(/s3cret/);
  });

  it.runIf(TEST_DIALECT === 'postgres')('says the database does not exist on a server that runs', async () => {
    const url = new URL(process.env.KAIHEISEN_TEST_POSTGRES_URL!);
    url.pathname = '/kaiheisen_no_such_database';
    await expect(openDatabase(url.toString())).rejects.toThrow('データベースがありません');
  });
});
