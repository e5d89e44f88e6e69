import type { AnnexPerson, AnnexSource } from '../../application/annex/ports.ts';
import type { ChatPlatform } from '../../domain/staffing/staff-person.ts';
import type { Database } from './database.ts';

/** The annex documents' reads: every person with identities and deactivation time, the work places. */
export function createAnnexStore(db: Database): AnnexSource {
  return {
    async people(): Promise<AnnexPerson[]> {
      const rows = await db.read.person.findMany({ include: { chatIdentities: { orderBy: { platform: 'asc' } } }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({
        id: r.id,
        affiliation: r.affiliation === 'bureau' ? 'bureau' : 'contractor',
        name: r.name,
        title: r.title,
        phone: r.phone,
        canSupervise: r.canSupervise,
        isAdmin: r.isAdmin,
        isSecurityOfficer: r.isSecurityOfficer,
        active: r.active,
        from: r.workFrom,
        until: r.workUntil,
        deactivatedAt: r.active ? null : r.deactivatedAt,
        osUser: r.osUser,
        chat: r.chatIdentities.map((i) => [i.platform as ChatPlatform, i.externalId] as [ChatPlatform, string]),
      }));
    },
    async workPlaces() {
      const rows = await db.read.workPlace.findMany({ orderBy: { position: 'asc' } });
      return rows.map((r) => ({ name: r.name, address: r.address, purpose: r.purpose, storage: r.storage }));
    },
  };
}
