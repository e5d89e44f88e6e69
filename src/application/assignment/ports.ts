import type { AuditEntry } from '../ports.ts';
import type { LatLon } from '../../domain/assignment/geo.ts';
import type { PlanScene } from '../../domain/plan-map/plan-scene.ts';
import type { IdCard } from '../../domain/staffing/staff-person.ts';
import type { StaffingRow } from '../../domain/staffing/day-staffing.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';

/** What 振り分け needs from storage. Every call of one run happens inside one transaction. */
export interface DayOrderRecord {
  workOrderId: number;
  orderNo: string;
  kind: TaskKind;
  meterWork: MeterWork | null;
  town: string;
  mapSheet: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  scheduledDate: string;
  hasResult: boolean;
  assignment: { personId: string; date: string; visitOrder: number; pinned: boolean } | null;
}

export interface PersonRecord {
  id: string;
  name: string;
  active: boolean;
  from: string | null; // working dates (domain/staffing/availability.ts)
  until: string | null;
  idCard: IdCard | null;
}

export interface StaffingRecords {
  explicit: StaffingRow[]; // DailyStaffing rows of the date
  defaults: StaffingRow[]; // DefaultStaffing rows
  people: PersonRecord[]; // everyone named in either
}

export interface AssignmentRow {
  workOrderId: number;
  personId: string;
  date: string;
  visitOrder: number;
  pinned: boolean;
}

/** A move an inbound chat event (振替) made: the order, its day, from whom, and who holds it now. */
export interface EventMove {
  orderNo: string;
  date: string;
  from: string | null;
  to: string;
}

export interface AssignmentUnit {
  staffing(date: string): Promise<StaffingRecords>;
  person(id: string): Promise<PersonRecord | null>;
  /** Orders scheduled on the date, and orders assigned on it (whatever their status). */
  dayOrders(date: string): Promise<DayOrderRecord[]>;
  orderByNo(orderNo: string): Promise<DayOrderRecord | null>;
  saveAssignments(rows: readonly AssignmentRow[], assignedBy: string | null): Promise<void>;
  removeAssignments(workOrderIds: readonly number[]): Promise<void>;
  /** Keeps on the order's assignment that this inbound event moved it, and from whom (unique per event). */
  markMoved(workOrderId: number, eventId: number, from: string | null): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface AssignmentStore {
  /** Runs `fn` in one write transaction: everything it wrote is kept together or not at all. */
  inTransaction<T>(fn: (unit: AssignmentUnit) => Promise<T>): Promise<T>;
  /** The move an inbound chat event made (the event is replayed after a crash), if any. */
  moveOfEvent(eventId: number): Promise<EventMove | undefined>;
}

export interface AssignmentDeps {
  store: AssignmentStore;
  isWorkDay(date: string): boolean;
  depot: LatLon; // where every route starts and ends (the bureau office)
  /** A fresh guard per run: true once the improvement search has had its time (a wall-clock cap; none in tests). */
  searchGuard?: () => () => boolean;
}

/** Draws the plan map's scene as a picture file (PNG bytes; src/adapters/png). */
export type PlanMapRenderer = (scene: PlanScene) => Uint8Array;

export type { Actor } from '../../domain/access/actor.ts';
