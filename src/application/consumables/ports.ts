import type { PersonActor } from '../../domain/access/actor.ts';
import type { LowStockChange, LowStockThresholds, StockMovement } from '../../domain/consumables/stock.ts';
import type { SupplyLine } from '../../domain/consumables/supply-command.ts';
import type { KindedUse } from '../../domain/reports/consumables-month.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { Clock, Logger } from '../ports.ts';
import type { StaffReader } from '../staffing/ports.ts';

export interface NewSupply extends SupplyLine {
  date: string;
  at: Date;
}

export interface SupplyStore {
  /**
   * One transaction: a SupplyReceipt row and its AuditLog row ('supply.receive'). The replay of the same inbound event
   * records nothing again and answers 'replayed' with the line it recorded. `repeatOf`: when the same person recorded
   * the same line (item, bore, quantity) within REPEAT_WINDOW_MINUTES before this one, that earlier receipt's time
   * (the same on a replay), else null.
   */
  receive(supply: NewSupply, actor: PersonActor, sourceEventId?: number): Promise<{ status: 'recorded' | 'replayed'; line: SupplyLine; repeatOf: Date | null }>;
  /**
   * Every supply and every use up to `before` (a date, exclusive; all when absent): ConsumableUse rows, and meters
   * fitted (MeterMovement install / replace), each with the kind of work of its order (その他 without one).
   */
  movements(before?: string): Promise<{ supplied: StockMovement[]; used: KindedUse[] }>;
  /** The low / not low state kept per stock line (stockKeyId). */
  lowStates(): Promise<Map<string, boolean>>;
  /**
   * Writes the changes whose kept state still differs (re-read in the transaction), and returns those: two checks at
   * once never both warn.
   */
  applyLowChanges(changes: LowStockChange[], at: Date): Promise<LowStockChange[]>;
}

export interface SuppliesDeps {
  supplies: SupplyStore;
  staff: Pick<StaffReader, 'listPeople'>;
  supervisorsOn(date: string): Promise<string[]>;
  gateway: Pick<ChatGateway, 'send'>;
  thresholds(): Promise<LowStockThresholds>;
  clock: Clock;
  logger: Logger;
}
