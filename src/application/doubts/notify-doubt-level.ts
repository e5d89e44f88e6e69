import { deliverCase } from '../cases/case-delivery.ts';
import { doubtCard } from './doubt-card.ts';
import { doubtCardContext, doubtSignature, doubtViewers, refreshDoubtCards, type DoubtDeps } from './doubt-delivery.ts';
import type { DoubtRecord } from './doubt-record.ts';

/**
 * Sends a chain level its card, unless the doubt moved on after the step was decided (acknowledged, answered,
 * resolved, escalated by someone else): then the message is suppressed and the record says so. The card is
 * rendered from the doubt as it is just before sending; if it changed while sending, every card is re-rendered,
 * so nobody keeps a stale card. Everyone else who shows the doubt gets their card updated in place.
 * `replay`: the step is sent again for a replayed inbound event; only what the first run did not record is recorded.
 */
export async function notifyDoubtLevel(
  deps: DoubtDeps,
  committed: DoubtRecord,
  level: number,
  options: { throwIfUnreached?: boolean; replay?: boolean } = {},
): Promise<boolean> {
  const fresh = await deps.doubts.get(committed.id);
  const recipients = fresh?.chain.steps[level]?.recipients ?? [];
  if (!fresh || fresh.state !== 'open' || fresh.currentLevel !== level || recipients.length === 0) {
    if (options.replay) return false;
    const detail = { level, state: fresh?.state ?? 'missing', currentLevel: fresh?.currentLevel ?? null };
    await deps.log.append('doubt', committed.id, deps.clock.now(), [{ action: 'messageSuppressed', actorId: null, detail }]);
    deps.logger.info('doubt message suppressed: the doubt moved on', { doubtId: committed.id, level, state: detail.state });
    return false;
  }
  const ctx = await doubtCardContext(deps, fresh);
  const messages = recipients.map((personId) => ({ personId, view: doubtCard(fresh, personId, ctx) }));
  const reached = await deliverCase(deps, 'doubt', fresh.id, messages);
  // A timer step that reached nobody (platform down) fails, so the timer retries it and the level is resent.
  if (reached.length === 0 && options.throwIfUnreached) throw new Error(`doubt ${fresh.id} level ${level}: no recipient reached`);
  const newlyReached = options.replay ? reached.filter((id) => !fresh.notified.includes(id)) : reached;
  if (newlyReached.length > 0) {
    await deps.log.append('doubt', fresh.id, deps.clock.now(), [{ action: 'notified', actorId: null, detail: { level, recipients: newlyReached } }]);
  }
  const after = (await deps.doubts.get(fresh.id)) ?? fresh;
  const changed = doubtSignature(after) !== doubtSignature(fresh);
  await refreshDoubtCards(deps, after, changed ? undefined : doubtViewers(after).filter((id) => !recipients.includes(id)));
  return true;
}
