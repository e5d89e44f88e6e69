import type { PhotoStore, StaffPhoto } from '../../application/staffing/person-photos.ts';
import { writeAudit } from './audit-writer.ts';
import type { Database } from './database.ts';

/** PersonPhoto rows: the image as base64 text, which the field-encryption extension encrypts at rest. */
export function createPhotoStore(db: Database): PhotoStore {
  return {
    async digests() {
      const rows = await db.read.personPhoto.findMany({ select: { personId: true, sha256: true } });
      return new Map(rows.map((r) => [r.personId, r.sha256]));
    },
    async photos(personIds) {
      const rows = await db.read.personPhoto.findMany({ where: { personId: { in: [...personIds] } }, orderBy: { personId: 'asc' } });
      return rows.map((r): StaffPhoto => ({
        personId: r.personId,
        mime: r.mime === 'image/png' ? 'image/png' : 'image/jpeg',
        bytes: new Uint8Array(Buffer.from(r.data, 'base64')),
        sha256: r.sha256,
        width: r.width,
        height: r.height,
      }));
    },
    async apply(change, actor, at) {
      await db.write(async (tx) => {
        for (const p of change.set) {
          const row = { mime: p.mime, data: Buffer.from(p.bytes).toString('base64'), sha256: p.sha256, byteSize: p.bytes.length, width: p.width, height: p.height };
          await tx.personPhoto.upsert({ where: { personId: p.personId }, create: { personId: p.personId, ...row }, update: row });
          const after = { mime: p.mime, byteSize: p.bytes.length, width: p.width, height: p.height };
          await writeAudit(tx, at, { ...actor, action: 'personPhoto.set', entity: 'PersonPhoto', entityId: p.personId, after });
        }
        for (const personId of change.remove) {
          await tx.personPhoto.delete({ where: { personId } });
          await writeAudit(tx, at, { ...actor, action: 'personPhoto.remove', entity: 'PersonPhoto', entityId: personId });
        }
      });
    },
  };
}
