import { assignOrders, type DayOrderInput } from '../../domain/assignment/assign-orders.ts';
import { placeOrders, type Placement } from '../../domain/assignment/placement.ts';
import { assertDate, namesOf, pickTeam, readDutyDay } from './day-team.ts';
import { changedRows, countsByWorker, summarise, toDayOrderInput, type WorkerSummary } from './plan-rows.ts';
import type { Actor, AssignmentDeps, AssignmentUnit, DayOrderRecord } from './ports.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';
import type { IdCardState } from '../../domain/staffing/id-card.ts';

/**
 * 振り分け of one day: the open orders scheduled on the date go to the workers on duty, with a visit
 * order each. Pinned orders (moved by the supervisor) and orders with a result stay where they are and
 * count towards their worker's workload; everything else is re-balanced. One transaction, one audit row.
 */
export interface AssignDayInput extends Actor {
  date: string;
  includeSupervisors: boolean;
  /**
   * The daily run: orders already assigned on the date to someone who may work stay as they are (they were assigned
   * by hand, moved, or placed during the day); only the others (new, carried over, released) are placed.
   */
  keepAssigned?: boolean;
}

/** Someone on duty who got no orders because of their ID card (spec 9(3)). */
export interface LeftOutWorker {
  personId: string;
  name: string;
  cardState: IdCardState;
}

export interface AssignDayResult {
  date: string;
  staffingSource: 'explicit' | 'default';
  supervisorFallback: boolean; // nobody but supervisors on duty: they got the orders
  workers: WorkerSummary[];
  unassigned: string[]; // nobody on duty may take them (every worker left out)
  leftOut: LeftOutWorker[];
  released: string[]; // pinned to a worker no longer on duty: re-assigned
  removed: string[]; // no longer open or no longer on this date: assignment dropped
  changed: number; // rows stored: orders whose worker, visit order or pin changed
  /** Orders that changed hands (or were placed for the first time on the date): what a supervisor calls a change. */
  moved: number;
  noOrders: boolean;
  /** Where each planned order was taken to be for routing (by 作業番号): what the plan map draws. */
  placements: ReadonlyMap<string, Placement>;
}

interface Split {
  inputs: DayOrderInput[];
  released: DayOrderRecord[];
  removed: DayOrderRecord[];
}

/** What the plan is computed from: read once to plan outside the write transaction, again inside it to check. */
interface DayInputs {
  records: DayOrderRecord[];
  team: ReturnType<typeof pickTeam>;
  blocked: Set<string>;
  split: Split;
  placeable: DayOrderInput[];
  duty: Awaited<ReturnType<typeof readDutyDay>>;
}

async function readInputs(unit: AssignmentUnit, deps: AssignmentDeps, input: AssignDayInput): Promise<DayInputs> {
  const duty = await readDutyDay(unit, input.date, deps.isWorkDay(input.date));
  const team = pickTeam(duty, input.includeSupervisors);
  const records = await unit.dayOrders(input.date);
  const blocked = new Set(team.leftOut.map((l) => l.personId));
  const able = new Set(duty.staffing.onDuty.filter((id) => !blocked.has(id)));
  const split = splitOrders(records, input.date, able, input.keepAssigned === true);
  const placeable = team.workers.length > 0 ? split.inputs : split.inputs.filter((o) => o.fixed);
  return { records, team, blocked, split, placeable, duty };
}

const planKey = (d: DayInputs) => JSON.stringify([d.team.workers, d.placeable]);

/**
 * The search takes up to a few seconds on a busy day, so it runs between two transactions: the inputs are read, the
 * plan computed with no lock held (a running bot keeps storing chat events), and the write transaction reads the
 * inputs again; only if they changed meanwhile is the plan computed again, inside it.
 */
export async function assignDay(deps: AssignmentDeps, input: AssignDayInput): Promise<AssignDayResult> {
  assertDate(input.date);
  const plan = (d: DayInputs) =>
    assignOrders({ workers: d.team.workers, orders: d.placeable, depot: deps.depot }, { shouldStop: deps.searchGuard?.() });
  const first = await deps.store.inTransaction((unit) => readInputs(unit, deps, input));
  const early = { key: planKey(first), plans: plan(first) };
  return deps.store.inTransaction(async (unit) => {
    const inputs = await readInputs(unit, deps, input);
    const plans = planKey(inputs) === early.key ? early.plans : plan(inputs);
    const { records, team, blocked, split, placeable, duty } = inputs;
    const released = new Set(split.released.map((r) => r.orderNo));
    const byOrderNo = new Map(records.map((r) => [r.orderNo, r]));
    const pinnedOf = (r: DayOrderRecord) => (r.assignment?.pinned ?? false) && !released.has(r.orderNo);
    const nothingToPlace = input.keepAssigned === true && split.inputs.every((o) => o.fixed) && split.removed.length === 0;
    const rows = nothingToPlace ? [] : changedRows(plans, byOrderNo, input.date, pinnedOf);
    const assigned = new Set(plans.flatMap((p) => p.orders));
    // Nobody may take them (every worker left out): they leave whoever held them.
    const unplaced = records.filter((r) => r.assignment && !r.hasResult && isAssignable(r, input.date) && !assigned.has(r.orderNo));
    await unit.saveAssignments(rows, input.actorId);
    await unit.removeAssignments([...split.removed, ...unplaced].map((r) => r.workOrderId));
    const names = await namesOf(unit, [...plans.map((p) => p.workerId), ...blocked], duty.people);
    const result: AssignDayResult = {
      date: input.date,
      staffingSource: duty.staffing.source === 'explicit' ? 'explicit' : 'default',
      supervisorFallback: team.supervisorFallback,
      workers: summarise(plans, names, byOrderNo, pinnedOf),
      unassigned: records.filter((r) => isAssignable(r, input.date) && !assigned.has(r.orderNo)).map((r) => r.orderNo),
      leftOut: team.leftOut.map((l) => ({ ...l, name: names.get(l.personId) ?? l.personId })),
      released: [...released],
      removed: split.removed.map((r) => r.orderNo),
      changed: rows.length,
      moved: movedCount(rows, byOrderNo, input.date),
      noOrders: split.inputs.length === 0,
      placements: placementsOf(placeable, deps.depot),
    };
    const worthAuditing = input.keepAssigned ? rows.length > 0 || result.removed.length > 0 || unplaced.length > 0 : !result.noOrders || result.removed.length > 0;
    if (worthAuditing) await auditRun(unit, input, records, result);
    return result;
  });
}

/** The placement the assignment routed with: placeOrders over the orders it was given, in the order of their ids. */
function placementsOf(inputs: readonly DayOrderInput[], depot: AssignmentDeps['depot']): Map<string, Placement> {
  const orders = [...inputs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placements = placeOrders(orders, depot);
  return new Map(orders.map((o, i) => [o.id, placements[i]!]));
}

/** Rows giving an order to someone other than who held it on the date. */
function movedCount(rows: readonly { workOrderId: number; personId: string }[], byOrderNo: Map<string, DayOrderRecord>, date: string): number {
  const held = new Map([...byOrderNo.values()].map((r) => [r.workOrderId, r.assignment?.date === date ? r.assignment.personId : null]));
  return rows.filter((row) => held.get(row.workOrderId) !== row.personId).length;
}

function isAssignable(r: DayOrderRecord, date: string): boolean {
  return !r.hasResult && isToDo(r.status) && r.scheduledDate === date;
}

/** Fixed (result, or pin of a worker who may work), free (open on the date), or to drop from the day. */
function splitOrders(records: readonly DayOrderRecord[], date: string, able: Set<string>, keepAssigned: boolean): Split {
  const split: Split = { inputs: [], released: [], removed: [] };
  for (const r of records) {
    const holder = r.assignment?.personId ?? null;
    if (r.hasResult) {
      // A result of another day (done in overtime after it was carried here) is that day's work: not dispatched again.
      if (holder && r.assignment!.date === date) split.inputs.push(toDayOrderInput(r, { workerId: holder, fixed: true }));
    } else if (!isAssignable(r, date)) {
      if (r.assignment) split.removed.push(r);
    } else if ((r.assignment?.pinned || (keepAssigned && r.assignment?.date === date)) && able.has(holder!)) {
      split.inputs.push(toDayOrderInput(r, { workerId: holder, fixed: true }));
    } else {
      if (r.assignment?.pinned) split.released.push(r);
      const heldBy = r.assignment?.date === date ? holder : null;
      split.inputs.push({ ...toDayOrderInput(r, { workerId: null, fixed: false }), heldBy });
    }
  }
  return split;
}

async function auditRun(unit: AssignmentUnit, input: AssignDayInput, records: readonly DayOrderRecord[], result: AssignDayResult) {
  await unit.audit({
    actorId: input.actorId,
    channel: input.channel,
    action: 'assignment.run',
    entity: 'Assignment',
    entityId: input.date,
    before: { workers: countsByWorker(records, input.date) },
    after: {
      keepAssigned: input.keepAssigned === true,
      leftOut: result.leftOut.map((l) => ({ personId: l.personId, cardState: l.cardState })),
      includeSupervisors: input.includeSupervisors,
      supervisorFallback: result.supervisorFallback,
      workers: result.workers.map(({ personId, count, workload, routeKm }) => ({ personId, count, workload, routeKm })),
      changed: result.changed,
      moved: result.moved,
      released: result.released,
      removed: result.removed,
    },
  });
}
