import { describe, expect, it } from 'vitest';
import { RESULT_ISSUE_CODES, issueTemplateKey } from '../../../../src/domain/results/result-issue.ts';
import { AMBIGUITY_CODES, REPLY_FACTS, REPLY_INTENTS, REPLY_OUTCOMES } from '../../../../src/domain/replies/parsed-reply.ts';
import { hasTemplate, templateText } from '../../../../src/templates.ts';

/** Params every issue question may show; a template asking for more would throw here. */
const PARAMS = { reading: 1187, previousReading: 1186, usage: 90, previousUsage: 20, work: '取付', diameterMm: 20, orderedMm: 13 };

describe('wording of result questions and reply readings', () => {
  it('has a Japanese question for every result issue code', () => {
    for (const code of RESULT_ISSUE_CODES) {
      expect(hasTemplate(issueTemplateKey(code)), code).toBe(true);
      expect(templateText(issueTemplateKey(code), PARAMS)).toMatch(/[ぁ-んァ-ン一-龯]/);
    }
  });

  it('has a label for every intent, outcome and fact, and a message for every ambiguity', () => {
    const keys = [
      ...REPLY_INTENTS.map((k) => `replies.intent.${k}`),
      ...REPLY_OUTCOMES.map((k) => `replies.outcome.${k}`),
      ...REPLY_FACTS.map((k) => `replies.fact.${k}`),
      ...AMBIGUITY_CODES.map((k) => `replies.ambiguity.${k}`),
    ];
    expect(keys.filter((k) => !hasTemplate(k))).toEqual([]);
  });
});
