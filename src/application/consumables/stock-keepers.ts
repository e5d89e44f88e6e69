import { t } from '../../templates.ts';
import type { SuppliesDeps } from './ports.ts';

/** The day's supervisors and the active admins: who records supplies and hears of low stock. */
export async function stockKeepers(deps: SuppliesDeps, date: string): Promise<string[]> {
  const [supervisors, people] = await Promise.all([deps.supervisorsOn(date), deps.staff.listPeople()]);
  const admins = people.filter((p) => p.active && p.isAdmin).map((p) => p.id);
  return [...new Set([...supervisors, ...admins])];
}

/**
 * The refusal of a 支給 from someone else, naming the day's supervisors by name (staff names are shown in chat, as
 * the other refusals that send the worker to the supervisor do).
 */
export async function notAllowedText(deps: SuppliesDeps, date: string): Promise<string> {
  const [supervisors, people] = await Promise.all([deps.supervisorsOn(date), deps.staff.listPeople()]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const named = supervisors.map((id) => names.get(id) ?? id).join(t('consumables.supply.nameSeparator'));
  return t('consumables.supply.notAllowed', { supervisors: named || t('consumables.supply.noSupervisor') });
}
