import { reached } from '../chat/delivery.ts';
import { plainView } from '../chat/dispatcher.ts';
import type { TimerSpec } from '../timers/ports.ts';
import { complaintCard, type CardContext, type CardViewer } from './complaint-card.ts';
import { nameLookup, peopleOf, supervisorsFor, type People } from './complaint-record.ts';
import type { ComplaintDeps, ComplaintRecord } from './ports.ts';

export const uniq = (ids: (string | null | undefined)[]): string[] => [...new Set(ids.filter((id): id is string => !!id))];

export async function cardContext(deps: ComplaintDeps, c: Pick<ComplaintRecord, 'id'>, people?: People): Promise<CardContext> {
  const customers = deps.complaints.customersOf ? await deps.complaints.customersOf(c.id) : [];
  return { nameOf: nameLookup(people ?? (await peopleOf(deps))), ackTimeoutMinutes: deps.policy.ackTimeoutMinutes, privacy: deps.privacy, customers };
}

/** Reachable in chat: an identity on a platform this instance has enabled (and not refused earlier in this step). */
export async function reachableAmong(deps: ComplaintDeps, ids: string[], refused: ReadonlySet<string> = new Set()): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of ids) {
    const identities = await deps.directory.identitiesOf(id);
    if (!refused.has(id) && deps.gateway.platforms.some((p) => identities[p])) out.add(id);
  }
  return out;
}

/**
 * Sends the card (or a page's message) to one person. The first delivery of each is kept as a 'cardSent' event, so
 * every later change updates it in place; a first card that could not be delivered is kept as 'deliveryFailed'.
 * Returns the failure reason, or undefined when delivered. `shown`: the record as rendered, when it differs.
 */
export async function sendCard(
  deps: ComplaintDeps,
  c: ComplaintRecord,
  personId: string,
  viewer: CardViewer,
  ctx: CardContext,
  shown: ComplaintRecord = c,
): Promise<string | undefined> {
  const report = await deps.gateway.send({ personId }, complaintCard(shown, viewer, ctx));
  const reason = reached(report) ? undefined : report.failures.map((f) => f.reason).join('; ') || 'not delivered';
  const pageId = viewer.kind === 'page' ? viewer.page.id : undefined;
  const known = pageId === undefined ? c.recipients.includes(personId) : c.pageMessages.some((m) => m.pageId === pageId);
  if (known) return reason;
  const at = deps.clock.now();
  if (reason) {
    deps.logger.warn('complaint card not delivered', { complaintId: c.id, to: personId, reason });
    await deps.log.append('complaint', c.id, at, [{ action: 'deliveryFailed', actorId: null, detail: { to: personId, pageId, reason } }]);
  } else {
    await deps.log.append('complaint', c.id, at, [{ action: 'cardSent', actorId: null, detail: { to: personId, ...(pageId === undefined ? {} : { pageId }) } }]);
  }
  return reason;
}

/** Everyone whose card shows the complaint: those it was sent to, and the supervisors of its day. */
export async function watchersOf(deps: ComplaintDeps, c: ComplaintRecord): Promise<string[]> {
  return uniq([...c.recipients, ...(await supervisorsFor(deps, c.receivedAt))]);
}

export interface RefreshScope {
  /** Page messages to re-render too: all delivered ones, or these pages'. */
  pages?: 'all' | number[];
  /** A watcher whose card was just sent. */
  except?: string;
}

/**
 * Re-renders the card for every watcher and in the bureau channel, and the page messages in scope: each key updates
 * the earlier message in place.
 */
export async function refreshCards(deps: ComplaintDeps, c: ComplaintRecord, scope: RefreshScope = {}): Promise<void> {
  const ctx = await cardContext(deps, c);
  for (const personId of await watchersOf(deps, c)) {
    if (personId !== scope.except) await sendCard(deps, c, personId, { kind: 'person', personId }, ctx);
  }
  await deps.gateway.send({ channel: 'bureau' }, complaintCard(c, { kind: 'channel' }, ctx));
  const wanted = scope.pages ?? [];
  for (const m of c.pageMessages) {
    const page = c.pages.find((p) => p.id === m.pageId);
    if (page && (wanted === 'all' || wanted.includes(page.id))) await sendCard(deps, c, m.personId, { kind: 'page', page }, ctx);
  }
}

/** A notice (a new message, so phones ring) with its own key: a step run twice updates it instead of posting again. */
export async function sendNotice(deps: ComplaintDeps, c: ComplaintRecord, to: string[], key: string, text: string, channel = true): Promise<void> {
  for (const personId of uniq(to)) {
    const report = await deps.gateway.send({ personId }, plainView(text, key));
    if (!reached(report)) deps.logger.warn('complaint notice not delivered', { complaintId: c.id, to: personId });
  }
  if (channel) await deps.gateway.send({ channel: 'bureau' }, plainView(text, key));
}

/**
 * Runs a step that was just scheduled right away (in the bot) and marks its timer done; in the CLI ('deferred') the
 * running bot's timer runner does it. A failure here is logged and left to the runner, which retries the timer.
 */
export async function runNow(deps: ComplaintDeps, spec: TimerSpec, step: () => Promise<void>): Promise<void> {
  if (deps.delivery !== 'inline') return;
  try {
    await step();
    if (spec.dedupeKey) await deps.timers.completeByKey(spec.dedupeKey);
  } catch (e) {
    deps.logger.error('complaint step failed; the timer runner retries it', { kind: spec.kind, error: e instanceof Error ? e.message : String(e) });
  }
}
