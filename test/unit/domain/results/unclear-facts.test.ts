import { describe, expect, it } from 'vitest';
import { REPLY_FACTS } from '../../../../src/domain/replies/parsed-reply.ts';
import { clarificationsFor, clarifiedPatch, isClarifiable } from '../../../../src/domain/results/unclear-facts.ts';
import { hasTemplate } from '../../../../src/templates.ts';

describe('which unclear facts are asked', () => {
  it('asks a 閉栓 about the pin, the seal and the meter removal, one question each, work items first', () => {
    expect(clarificationsFor('close', ['sealFitted', 'noticeSlipLeft', 'valvePinReplaced']).map((c) => c.fact)).toEqual(['valvePinReplaced', 'sealFitted', 'noticeSlipLeft']);
    expect(clarificationsFor('close', ['meterRemoved'])).toEqual([{ fact: 'meterRemoved', questionKey: 'resultFlow.clarify.meterRemoved' }]);
  });

  it('does not ask about facts that do not matter for the kind', () => {
    expect(clarificationsFor('open', ['meterRemoved', 'customerConsent'])).toEqual([]);
    expect(clarificationsFor('close', ['meterInstalled', 'valveClosed'])).toEqual([]);
    expect(clarificationsFor('other', ['noticeSlipLeft'])).toEqual([]);
    // Pins and seals are materials of every kind of work: asked for every kind.
    expect(clarificationsFor('transfer', ['valvePinReplaced']).map((c) => c.fact)).toEqual(['valvePinReplaced']);
    expect(clarificationsFor('close', ['leakSuspected', 'outdoorTapDry'])).toEqual([]);
  });

  it('asks a 開栓 about a fitted meter, the valve closed for the pilot and the phone call', () => {
    expect(clarificationsFor('open', ['phoneContacted', 'valveClosed', 'meterInstalled']).map((c) => c.fact)).toEqual(['meterInstalled', 'valveClosed', 'phoneContacted']);
  });

  it('has a question wording for every fact it may ask about', () => {
    for (const fact of REPLY_FACTS.filter(isClarifiable)) expect(hasTemplate(`resultFlow.clarify.${fact}`), fact).toBe(true);
  });
});

describe('what an answer sets', () => {
  it('sets the fact to yes or no', () => {
    expect(clarifiedPatch('valvePinReplaced', true)).toEqual({ valvePinReplaced: true });
    expect(clarifiedPatch('valvePinReplaced', false)).toEqual({ valvePinReplaced: false });
    expect(clarifiedPatch('sealFitted', false)).toEqual({ sealFitted: false });
    expect(clarifiedPatch('valveClosed', true)).toEqual({ valveClosedForPilot: true });
  });

  it('leaves meter work open on a no (the kind rule asks for it when the order calls for it)', () => {
    expect(clarifiedPatch('meterRemoved', true)).toEqual({ meterWorkDone: 'remove' });
    expect(clarifiedPatch('meterRemoved', false)).toEqual({});
  });

  it('sets nothing for a fact it never asks about', () => {
    expect(clarifiedPatch('leakSuspected', true)).toEqual({});
  });
});
