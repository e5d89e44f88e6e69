import type { SuppliesDeps } from './ports.ts';

/** The day's supervisors and the active admins: who records supplies and hears of low stock. */
export async function stockKeepers(deps: SuppliesDeps, date: string): Promise<string[]> {
  const [supervisors, people] = await Promise.all([deps.supervisorsOn(date), deps.staff.listPeople()]);
  const admins = people.filter((p) => p.active && p.isAdmin).map((p) => p.id);
  return [...new Set([...supervisors, ...admins])];
}
