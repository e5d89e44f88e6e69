import { templateText } from '../../templates.ts';
import type { FormView } from '../chat/view.ts';
import { OVERTIME_ACTIONS } from './overtime-record.ts';

/** 時間外作業の了承依頼: which orders, why, until when. */
export function overtimeRequestForm(): FormView {
  const f = (key: string) => templateText(`escalation.overtime.form.${key}`);
  return {
    formId: OVERTIME_ACTIONS.request,
    title: f('title'),
    submitLabel: f('submit'),
    state: '{}',
    fields: [
      { id: 'orders', label: f('orders'), type: 'text', required: true, hint: f('ordersHint') },
      { id: 'reason', label: f('reason'), type: 'textarea', required: true },
      { id: 'until', label: f('until'), type: 'text', required: true, hint: f('untilHint') },
    ],
  };
}
