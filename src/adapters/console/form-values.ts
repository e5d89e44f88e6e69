import type { FormField, FormView } from '../../application/chat/view.ts';
import { t } from '../../templates.ts';
import { ConsoleInputError } from './input-error.ts';

/** What a console user gives for a form: by field id or label; checkboxes as "a,b" or a list. */
export type FormInput = Record<string, string | number | boolean | string[]>;
export type FormValues = Record<string, string | string[] | undefined>;


function fieldFor(form: FormView, key: string): FormField {
  const field = form.fields.find((f) => f.id === key) ?? form.fields.find((f) => f.label === key);
  if (!field) throw new ConsoleInputError(t('console.error.unknownField', { field: key }));
  return field;
}

function optionValue(field: FormField & { options: { value: string; label: string }[] }, given: string): string {
  const option = field.options.find((o) => o.value === given) ?? field.options.find((o) => o.label === given);
  if (!option) throw new ConsoleInputError(t('console.error.badOption', { field: field.label, value: given }));
  return option.value;
}

/** Converts one given value to what a platform would submit for the field. */
export function valueFor(field: FormField, given: FormInput[string]): string | string[] | undefined {
  if (field.type === 'checkboxes') {
    const items = Array.isArray(given) ? given : String(given).split(/[,、]/);
    const picked = items.map((s) => s.trim()).filter(Boolean);
    return picked.map((v) => optionValue(field, v));
  }
  const text = (Array.isArray(given) ? given.join(',') : String(given)).trim();
  if (text === '') return undefined;
  return field.type === 'select' ? optionValue(field, text) : text;
}

/** The submitted values of a form: given values resolved, initial values kept, required fields checked. */
export function formValues(form: FormView, input: FormInput): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) if (field.initial !== undefined) values[field.id] = field.initial;
  for (const [key, given] of Object.entries(input)) {
    const field = fieldFor(form, key);
    values[field.id] = valueFor(field, given);
  }
  for (const field of form.fields) {
    const value = values[field.id];
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if ('required' in field && field.required && empty) {
      throw new ConsoleInputError(t('console.error.missingField', { label: field.label }));
    }
  }
  return values;
}
