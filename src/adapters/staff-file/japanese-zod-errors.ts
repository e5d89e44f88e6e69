import type { z } from 'zod';
import { hasTemplate, t, templateText } from '../../templates.ts';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

/**
 * Japanese wording for zod's generic issues (missing key, wrong type, unknown key, enum,
 * too few items). Passed per parse, so the global zod configuration stays untouched.
 */
export const japaneseZodErrors: z.core.$ZodErrorMap = (issue: RawIssue) => {
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue.expected, issue.input);
    case 'unrecognized_keys':
      return t('staff.file.unknownKeys', { keys: issue.keys.join(', ') });
    case 'invalid_value':
      return t('staff.file.oneOf', { values: issue.values.map(String).join(', ') });
    case 'too_small':
      if (issue.origin === 'array') return t('staff.file.tooFew', { minimum: Number(issue.minimum) });
      return t('staff.file.invalid');
    default:
      return t('staff.file.invalid');
  }
};

function wrongType(expected: string, input: unknown): string {
  if (input === undefined) return t('staff.file.required');
  if (expected === 'string' && typeof input === 'number') return t('staff.file.quoteNumber');
  if (expected === 'int' || expected === 'number') return t('staff.file.wrongType', { expected: t('staff.file.type.number') });
  const key = `staff.file.type.${expected}`;
  return t('staff.file.wrongType', { expected: templateText(hasTemplate(key) ? key : 'staff.file.type.other') });
}
