import type { CredentialStore } from '../../application/access/operator-ports.ts';
import { writeAudit } from './audit-writer.ts';
import type { Database } from './database.ts';

export function createCredentialStore(db: Database): CredentialStore {
  return {
    async hashOf(personId) {
      return (await db.read.operatorCredential.findUnique({ where: { personId }, select: { hash: true } }))?.hash ?? null;
    },
    async any() {
      return (await db.read.operatorCredential.count()) > 0;
    },
    async set(personId, hash, audit, at) {
      const setBy = audit.actorId ?? personId;
      await db.write(async (tx) => {
        await tx.operatorCredential.upsert({ where: { personId }, create: { personId, hash, setAt: at, setBy }, update: { hash, setAt: at, setBy } });
        await writeAudit(tx, at, audit);
      });
    },
    async audit(entry, at) {
      await db.write((tx) => writeAudit(tx, at, entry));
    },
  };
}
