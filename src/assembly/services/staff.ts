import { createCredentialStore } from '../../adapters/db/credential-store.ts';
import { hashPassword, verifyPassword } from '../../adapters/crypto/password-hash.ts';
import type { OperatorDeps } from '../../application/access/operator-ports.ts';
import { createTrainingStore } from '../../adapters/db/training-store.ts';
import type { TrainingDeps } from '../../application/staffing/trainings.ts';
import type { AppContext } from '../context.ts';
import { createStaffStore } from '../../adapters/db/staff-store.ts';
import type { StaffDirectory } from '../../application/staffing/ports.ts';
import { getContactChart } from '../../application/staffing/get-contact-chart.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { approversOf } from '../../domain/staffing/day-staffing.ts';

/** The staff register, for the CLI commands and the running bot alike. */
export function staffDepsOf(ctx: AppContext) {
  return { staff: createStaffStore(ctx.db, ctx.clock), clock: ctx.clock, calendar: ctx.calendar };
}

/** The one staff directory every use case outside staffing reads (through the staffing use cases). */
export function staffDirectoryOf(ctx: AppContext): StaffDirectory {
  const deps = staffDepsOf(ctx);
  const { staff } = deps;
  const staffing = (date: string) => getDayStaffing(deps, date);
  return {
    people: async () => new Map((await staff.listPeople()).map((p) => [p.id, { id: p.id, name: p.name, affiliation: p.affiliation, active: p.active }])),
    names: () => staff.names(),
    staffing,
    supervisorsOn: async (date) => (await staffing(date)).supervisors,
    approversOn: async (date) => approversOf(await staffing(date), await staff.listPeople()),
    chart: (name) => getContactChart({ staff }, name),
  };
}

/** Training records (spec 8 研修): `kaiheisen train` writes them, `staff trainings` and the ID card request read them. */
export function trainingDepsOf(ctx: AppContext): TrainingDeps {
  return { trainings: createTrainingStore(ctx.db), clock: ctx.clock };
}

/** CLI operator identity (security annex art. 18): the staff directory, the password hashes and scrypt. */
export function operatorDepsOf(ctx: AppContext): OperatorDeps {
  const staff = createStaffStore(ctx.db, ctx.clock);
  return {
    people: () => staff.listPeople(),
    credentials: createCredentialStore(ctx.db),
    hasher: { hash: hashPassword, verify: verifyPassword },
    now: () => ctx.clock.now(),
  };
}

/** The ids of the active administrators (told what to set when a document cannot be made). */
export function activeAdminsOf(ctx: AppContext): () => Promise<string[]> {
  const staff = createStaffStore(ctx.db, ctx.clock);
  return async () => (await staff.listPeople()).filter((p) => p.active && p.isAdmin).map((p) => p.id);
}
