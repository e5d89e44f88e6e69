import { afterEach, describe, expect, it } from 'vitest';
import type { CommittedHead } from '../../../src/adapters/db/audit-chain.ts';
import { writeAudit } from '../../../src/adapters/db/audit-writer.ts';
import { testCipher } from '../../support/test-cipher.ts';
import { TEST_DIALECT, tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

/**
 * The chain head told after each committed write that appended audit rows (the context logs it: a witness outside
 * the database for `audit verify --anchor`). Never a head that was rolled back; nothing for a write without audit.
 */
let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

const entry = (entityId: string) => ({ actorId: 'w01', channel: 'cli', action: 'result.recorded', entity: 'TaskResult', entityId });
const at = new Date('2026-03-02T03:00:00Z');

describe(`the committed audit chain head on ${TEST_DIALECT}`, () => {
  it('is told once per committed write, with the head the database then holds', async () => {
    const told: CommittedHead[] = [];
    temp = await tempDatabase({ cipher: testCipher(), onAuditHead: (head) => told.push(head) });
    await temp.db.write(async (tx) => {
      await writeAudit(tx, at, entry('1'));
      await writeAudit(tx, at, entry('2'));
    });
    await temp.db.write((tx) => writeAudit(tx, at, entry('3')));
    const rows = await temp.db.read.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(told).toEqual([
      { lastId: rows[1]!.id, hash: rows[1]!.hash },
      { lastId: rows[2]!.id, hash: rows[2]!.hash },
    ]);
    const head = await temp.db.read.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(told.at(-1)).toEqual({ lastId: head.lastId, hash: head.hash });
  });

  it('tells nothing for a rolled-back write, nor for a write without audit rows', async () => {
    const told: CommittedHead[] = [];
    temp = await tempDatabase({ cipher: testCipher(), onAuditHead: (head) => told.push(head) });
    const failed = temp.db.write(async (tx) => {
      await writeAudit(tx, at, entry('1'));
      throw new Error('rolled back');
    });
    await expect(failed).rejects.toThrow('rolled back');
    await temp.db.write((tx) => tx.person.create({ data: { id: 'w01', affiliation: 'contractor', name: '作業 一郎' } }));
    expect(told).toEqual([]);
    await temp.db.write((tx) => writeAudit(tx, at, entry('2')));
    expect(told).toHaveLength(1);
  });
});
