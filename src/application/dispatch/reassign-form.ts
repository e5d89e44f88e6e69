import { workingOnDuty } from '../../domain/staffing/day-staffing.ts';
import { t } from '../../templates.ts';
import type { FormRefusal } from '../chat/dispatcher.ts';
import type { ChatPerson } from '../chat/ports.ts';
import type { FormField, FormView } from '../chat/view.ts';
import { kindText } from './day-views.ts';
import { REASSIGN_ACTION, shortOrderNo } from './progress-view.ts';
import { isSupervisorOn } from './show-progress.ts';
import type { DayViewDeps } from './supervision-ports.ts';
import { isToDo } from '../../domain/work-order/work-order.ts';

/** Slack takes at most 100 options in a select; beyond that the order number is typed. */
const MAX_OPTIONS = 100;

/**
 * The 振替 form of the progress view: which open order, to whom (the day's workers who can work; a supervisor only
 * on a day they do field work). Only the day's
 * supervisor gets it; anyone else is told why not. Towns only, no addresses.
 */
export async function reassignForm(deps: DayViewDeps, person: ChatPerson, date: string): Promise<FormView | FormRefusal> {
  if (!(await isSupervisorOn(deps, date, person.id))) return { refused: t('dispatch.reassign.notSupervisor') };
  const [staffing, names, orders] = await Promise.all([deps.team.staffing(date), deps.team.names(), deps.orders.assignedOrders(date)]);
  const nameOf = (id: string) => names.get(id) ?? id;
  const open = orders.filter((o) => isToDo(o.status));
  const orderOptions = open.map((o) => ({
    value: o.orderNo,
    label: t('dispatch.reassign.form.orderOption', { orderNo: shortOrderNo(o.orderNo, date), kind: kindText(o), town: o.town, name: nameOf(o.personId) }),
  }));
  const orderField: FormField =
    orderOptions.length > 0 && orderOptions.length <= MAX_OPTIONS
      ? { id: 'order', label: t('dispatch.reassign.form.order'), type: 'select', required: true, options: orderOptions }
      : { id: 'order', label: t('dispatch.reassign.form.order'), type: 'text', required: true, hint: t('dispatch.reassign.form.orderHint') };
  const takers = workingOnDuty(staffing).filter((id) => !staffing.supervisors.includes(id) || orders.some((o) => o.personId === id));
  const workerOptions = takers.map((id) => ({ value: id, label: `${id} ${nameOf(id)}` }));
  return {
    formId: REASSIGN_ACTION,
    title: t('dispatch.reassign.form.title'),
    submitLabel: t('dispatch.reassign.form.submit'),
    state: JSON.stringify({ date }),
    fields: [orderField, { id: 'to', label: t('dispatch.reassign.form.to'), type: 'select', required: true, options: workerOptions }],
  };
}
