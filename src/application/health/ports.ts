import type { DeliveryBacklog as ChatDeliveryBacklog } from '../chat/delivery-ports.ts';
import type { PlatformHealth } from '../chat/ports.ts';

/** ok; busy: another process held the write lock (transient, still ok); the rest: not writable. */
export type WriteState = 'ok' | 'busy' | 'full' | 'read-only' | 'low-disk' | 'error';

/** The database's answer to a real write (rolled back) and to a free-space check. */
export interface WriteProbe {
  state: WriteState;
  /** For the operator (English): "write ok", "database full", "read-only (EROFS)", "low disk: 12 MB free (min 100)". */
  detail: string;
  freeDiskMb?: number;
}

/** What readiness reads of the outbox (the figures `kaiheisen deliveries` shows, application/chat/delivery-ports.ts). */
export type DeliveryBacklog = Pick<ChatDeliveryBacklog, 'pending' | 'oldestPendingAt' | 'failed'>;

export interface ParkedEvents {
  count: number;
  oldestAt?: Date;
}

/** What the readiness checks read from storage (src/adapters/db/health-store.ts). */
export interface HealthStore {
  /** A cheap real write, rolled back, with a short busy timeout; and the free space on the database's disk. */
  probeWrite(minFreeDiskMb: number): Promise<WriteProbe>;
  /** Failures count within a day before `now`. */
  deliveryBacklog(now: Date): Promise<DeliveryBacklog>;
  parkedEvents(): Promise<ParkedEvents>;
  /** The running bot's heartbeat (written by its scheduler), for `kaiheisen status` in another process. */
  lastHeartbeat(): Promise<Heartbeat | undefined>;
  beat(at: Date): Promise<void>;
}

/** The bot's last heartbeat: `at` on the bot's clock (a console clock may stand still), `writtenAt` on the wall clock. */
export interface Heartbeat {
  at: Date;
  writtenAt: Date;
}

/** The running bot as the checks see it (absent in `kaiheisen status`). */
export interface RunningBotView {
  scheduler: { lastTickAt?: Date; pollIntervalMs?: number };
  platforms: readonly { platform: string; health?(): PlatformHealth }[];
}
