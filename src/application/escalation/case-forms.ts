import { t, templateText } from '../../templates.ts';
import type { FormView } from '../chat/view.ts';
import { caseValue } from '../cases/case-text.ts';
import { DOUBT_ACTIONS } from '../doubts/doubt-card.ts';
import { INCIDENT_ACTIONS } from '../incidents/incident-card.ts';

/**
 * 疑義の連絡: the question; opened from an order's button its title names the order, else it has an order number
 * field.
 */
export function doubtRaiseForm(orderNo?: string): FormView {
  return {
    formId: DOUBT_ACTIONS.raise,
    title: orderNo ? t('escalation.doubt.raiseForm.titleFor', { orderNo }) : t('escalation.doubt.raiseForm.title'),
    submitLabel: t('escalation.doubt.raiseForm.submit'),
    state: JSON.stringify(orderNo ? { orderNo } : {}),
    fields: [
      ...(orderNo
        ? []
        : [{ id: 'order', label: t('escalation.doubt.raiseForm.order'), type: 'text' as const, required: false, hint: t('escalation.doubt.raiseForm.orderHint') }]),
      { id: 'text', label: t('escalation.doubt.raiseForm.text'), type: 'textarea', required: true, hint: t('escalation.doubt.raiseForm.textHint') },
    ],
  };
}

export function doubtAnswerForm(doubtId: number): FormView {
  return {
    formId: DOUBT_ACTIONS.answer,
    title: t('escalation.doubt.answerForm.title', { id: doubtId }),
    submitLabel: t('escalation.doubt.answerForm.submit'),
    state: caseValue('doubtId', doubtId),
    fields: [{ id: 'instruction', label: t('escalation.doubt.answerForm.instruction'), type: 'textarea', required: true, hint: t('escalation.doubt.answerForm.hint') }],
  };
}

export function incidentReportForm(): FormView {
  const f = (key: string) => templateText(`escalation.incident.form.${key}`);
  return {
    formId: INCIDENT_ACTIONS.report,
    title: f('title'),
    submitLabel: f('submit'),
    state: '{}',
    fields: [
      { id: 'what', label: f('what'), type: 'textarea', required: true, hint: f('whatHint') },
      { id: 'where', label: f('where'), type: 'text', required: false, hint: f('whereHint') },
      { id: 'order', label: f('order'), type: 'text', required: false },
      {
        id: 'damage',
        label: f('damage'),
        type: 'select',
        required: true,
        options: [
          { value: 'yes', label: f('damageYes') },
          { value: 'no', label: f('damageNo') },
          { value: 'unknown', label: f('damageUnknown') },
        ],
        initial: 'unknown',
      },
    ],
  };
}

export function incidentResolveForm(incidentId: number): FormView {
  return {
    formId: INCIDENT_ACTIONS.resolve,
    title: t('escalation.incident.resolveForm.title', { id: incidentId }),
    submitLabel: t('escalation.incident.resolveForm.submit'),
    state: caseValue('incidentId', incidentId),
    fields: [{ id: 'resolution', label: t('escalation.incident.resolveForm.resolution'), type: 'textarea', required: true }],
  };
}
