import type { Clock } from '../ports.ts';
import type { Actor } from './ports.ts';
import { t } from '../../templates.ts';

/** A person's photo for the ID card request (spec 9(1) 写真データ), as the staff file gave it. */
export interface StaffPhoto {
  personId: string;
  mime: 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
  sha256: string;
  width: number;
  height: number;
}

export interface PhotoStore {
  /** personId → sha256 of every stored photo. */
  digests(): Promise<Map<string, string>>;
  /** The photos of these people (decrypted); people without one are left out. */
  photos(personIds: readonly string[]): Promise<StaffPhoto[]>;
  /** Upserts and deletes in one transaction, each with its audit row (personPhoto.set / personPhoto.remove). */
  apply(change: { set: StaffPhoto[]; remove: string[] }, actor: Actor, at: Date): Promise<void>;
}

export interface PhotoLoadResult {
  dryRun: boolean;
  added: string[];
  replaced: string[];
  removed: string[];
  unchanged: string[];
}

/**
 * After `staff load`: the photos the file names are stored (copied into the database, encrypted), a photo whose file
 * changed is replaced, and the photo of anyone the file no longer gives one is deleted. Loading twice changes nothing.
 */
export async function loadStaffPhotos(
  deps: { photos: PhotoStore; clock: Clock },
  wanted: StaffPhoto[],
  options: { dryRun?: boolean; actor: Actor },
): Promise<PhotoLoadResult> {
  const stored = await deps.photos.digests();
  const byPerson = new Map(wanted.map((p) => [p.personId, p]));
  const added = wanted.filter((p) => !stored.has(p.personId));
  const replaced = wanted.filter((p) => stored.has(p.personId) && stored.get(p.personId) !== p.sha256);
  const removed = [...stored.keys()].filter((id) => !byPerson.has(id)).sort();
  const unchanged = wanted.filter((p) => stored.get(p.personId) === p.sha256).map((p) => p.personId);
  const dryRun = options.dryRun === true;
  if (!dryRun && (added.length + replaced.length + removed.length) > 0) {
    await deps.photos.apply({ set: [...added, ...replaced], remove: removed }, options.actor, deps.clock.now());
  }
  return { dryRun, added: added.map((p) => p.personId), replaced: replaced.map((p) => p.personId), removed, unchanged };
}

/** The summary line of `staff load`; none while no photo is given or stored. */
export function photoReport(r: PhotoLoadResult): string[] {
  const counts = { added: r.added.length, replaced: r.replaced.length, removed: r.removed.length, unchanged: r.unchanged.length };
  if (counts.added + counts.replaced + counts.removed + counts.unchanged === 0) return [];
  return [t(r.dryRun ? 'bureauDocs.photo.dryRun' : 'bureauDocs.photo.loaded', counts)];
}
