import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { translateViewSubmission } from '../../../src/adapters/slack/translate-inbound.ts';
import { SUBMIT_MARK } from '../../../src/adapters/teams/render-card.ts';
import { translateInbound } from '../../../src/adapters/teams/translate-inbound.ts';
import { personalActivity } from '../../support/teams-fixtures.ts';

// Field ids of a submitted form are the sender's: they become own properties of the values, whatever they are,
// and never change the values' prototype or read Object.prototype's members.

const at = new Date('2026-03-27T00:00:00Z');

describe('form values with the names of Object.prototype members', () => {
  it('Teams: "__proto__", "constructor" and "toString" are plain fields; a multi-select named "constructor" defaults to []', () => {
    const value = JSON.parse(
      `{"${SUBMIT_MARK}":true,"formId":"x.form","__proto__":"a,b","toString":"1","multi":["constructor","__proto__"]}`,
    ) as Record<string, unknown>;
    const envelope = translateInbound(personalActivity({ value }) as Activity, at);
    const values = envelope?.payload.type === 'form' ? envelope.payload.values : undefined;
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.hasOwn(values!, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toEqual(['a', 'b']);
    expect(values!.toString).toBe('1');
    expect(values!.constructor).toEqual([]);
    expect(JSON.parse(JSON.stringify(values))).toEqual(JSON.parse('{"__proto__":["a","b"],"toString":"1","constructor":[]}'));
  });

  it('Slack: a block id "__proto__" or "constructor" is a plain field of the submission', () => {
    const body = JSON.parse(
      JSON.stringify({
        type: 'view_submission',
        user: { id: 'UW02' },
        view: {
          id: 'V1',
          callback_id: 'x.form',
          private_metadata: '',
          state: { values: { constructor: { a: { type: 'plain_text_input', value: 'c' } }, note: { a: { type: 'plain_text_input', value: 'n' } } } },
        },
      }),
    ) as unknown;
    const envelope = translateViewSubmission(body, { now: () => at });
    const values = envelope?.payload.type === 'form' ? envelope.payload.values : undefined;
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(values).toEqual({ constructor: 'c', note: 'n' });
  });
});
