import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from './database.ts';

/**
 * An instance id that says where it runs: `host:pid:random`. A process restarted after a crash can then tell that
 * the claims of its predecessor on the same host belong to a process that no longer exists, and take them back at
 * once instead of waiting for their leases to run out.
 */
export function localInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 6)}`;
}

/** True only for an owner on this host whose process is gone; anything else (another host, a live pid) is kept. */
export function isDeadLocalOwner(owner: string, host = hostname()): boolean {
  const match = /^(.*):(\d+):[0-9a-f]+$/.exec(owner);
  if (!match || match[1] !== host || Number(match[2]) === process.pid) return false;
  try {
    process.kill(Number(match[2]), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const OWNERS = [
  `SELECT DISTINCT "claimedBy" AS owner FROM "InboundEvent" WHERE "state" = 'received' AND "claimedBy" IS NOT NULL`,
  `SELECT DISTINCT "claimedBy" AS owner FROM "Delivery" WHERE "state" = 'pending' AND "claimedBy" IS NOT NULL`,
  `SELECT DISTINCT "claimedBy" AS owner FROM "DurableTimer" WHERE "state" = 'claimed' AND "claimedBy" IS NOT NULL`,
];
const RELEASES = [
  `UPDATE "InboundEvent" SET "claimedBy" = NULL, "leaseUntil" = NULL WHERE "state" = 'received' AND "claimedBy" = ?`,
  `UPDATE "Delivery" SET "claimedBy" = NULL, "leaseUntil" = NULL WHERE "state" = 'pending' AND "claimedBy" = ?`,
  `UPDATE "DurableTimer" SET "state" = 'pending', "claimedBy" = NULL, "claimedAt" = NULL WHERE "state" = 'claimed' AND "claimedBy" = ?`,
];

/**
 * Frees the inbound events, deliveries and timers claimed by processes of this host that have died (kill -9, power
 * loss), so a restart carries on at once. Attempt counters stay: a crash still counts as an attempt.
 */
export async function releaseDeadLocalClaims(db: Database): Promise<number> {
  return db.statements(async (sql) => {
    const owners = new Set<string>();
    for (const text of OWNERS) for (const row of await sql.all<{ owner: string }>(text)) owners.add(row.owner);
    let released = 0;
    for (const owner of [...owners].filter((o) => isDeadLocalOwner(o))) {
      for (const text of RELEASES) released += (await sql.run(text, owner)).changes;
    }
    return released;
  });
}
