import type { Logger } from '../ports.ts';
import { ChatDeliveryError, type ChatDirectory, type MessageRefStore, type PlatformAdapter, type PlatformTarget } from './ports.ts';
import type { FormView, MessageView, Platform } from './view.ts';

/** Whom a message is for: a person (reached where their staff record says), the bureau channel, or a raw platform user. */
export type Recipient =
  | { personId: string }
  | { channel: 'bureau' }
  | { platform: Platform; target: PlatformTarget };

export interface DeliveryReport {
  delivered: { platform: Platform; ref: string }[];
  /** Why the recipient could not be reached (no identity on an enabled platform, platform refused). */
  failures: { platform?: Platform; reason: string }[];
}

export interface ChatGateway {
  send(to: Recipient, view: MessageView): Promise<DeliveryReport>;
  openForm(to: Recipient, form: FormView): Promise<DeliveryReport>;
  readonly platforms: Platform[];
}

export interface DeliveryDeps {
  adapters: PlatformAdapter[];
  directory: ChatDirectory;
  refs: MessageRefStore;
  logger: Logger;
}

const targetKey = (t: PlatformTarget) => (t.kind === 'user' ? `user:${t.userRef}` : `channel:${t.channelRef}`);

/**
 * Routes a view to each recipient's platform. A person is reached on the first enabled platform they have an
 * identity on (adapter order is the preference); the bureau channel on every platform that has one. A view with a
 * key is updated in place when it was sent to the same target before.
 */
export function createChatGateway(deps: DeliveryDeps): ChatGateway {
  const byPlatform = new Map(deps.adapters.map((a) => [a.platform, a] as const));

  async function targetsOf(to: Recipient): Promise<{ adapter: PlatformAdapter; target: PlatformTarget }[] | string> {
    if ('platform' in to) {
      const adapter = byPlatform.get(to.platform);
      return adapter ? [{ adapter, target: to.target }] : `platform ${to.platform} is not enabled`;
    }
    if ('channel' in to) {
      const channels = await deps.directory.bureauChannels();
      const found = deps.adapters.filter((a) => channels[a.platform]);
      if (found.length === 0) return 'no bureau channel on an enabled platform';
      return found.map((adapter) => ({ adapter, target: { kind: 'channel', channelRef: channels[adapter.platform]! } }));
    }
    const identities = await deps.directory.identitiesOf(to.personId);
    const adapter = deps.adapters.find((a) => identities[a.platform]);
    if (!adapter) return `person ${to.personId} has no identity on an enabled platform`;
    return [{ adapter, target: { kind: 'user', userRef: identities[adapter.platform]! } }];
  }

  async function postOne(adapter: PlatformAdapter, target: PlatformTarget, view: MessageView): Promise<string> {
    const logicalKey = view.key ? `${view.key}@${targetKey(target)}` : undefined;
    const existing = logicalKey ? await deps.refs.get(adapter.platform, logicalKey) : undefined;
    const ref = await adapter.post(target, view, existing);
    if (logicalKey) await deps.refs.put(adapter.platform, logicalKey, targetKey(target), ref);
    return ref;
  }

  async function each(
    to: Recipient,
    act: (adapter: PlatformAdapter, target: PlatformTarget) => Promise<string>,
  ): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: [], failures: [] };
    const targets = await targetsOf(to);
    if (typeof targets === 'string') {
      report.failures.push({ reason: targets });
      deps.logger.warn('chat recipient unreachable', { reason: targets });
      return report;
    }
    for (const { adapter, target } of targets) {
      try {
        report.delivered.push({ platform: adapter.platform, ref: await act(adapter, target) });
      } catch (e) {
        const reason = e instanceof ChatDeliveryError || e instanceof Error ? e.message : String(e);
        report.failures.push({ platform: adapter.platform, reason });
        deps.logger.warn('chat delivery failed', { platform: adapter.platform, reason });
      }
    }
    return report;
  }

  return {
    platforms: deps.adapters.map((a) => a.platform),
    send: (to, view) => each(to, (adapter, target) => postOne(adapter, target, view)),
    openForm: (to, form) =>
      each(to, async (adapter, target) => {
        await adapter.openForm(target, form);
        return `form:${form.formId}`;
      }),
  };
}
