import { describe, expect, it } from 'vitest';
import { consumablesUsed, quantitiesPatch } from '../../../../src/domain/consumables/consumable-items.ts';

describe('consumablesUsed', () => {
  it('derives one pin and one seal from the flags when no quantity was given (the behaviour before quantities)', () => {
    expect(consumablesUsed({ valvePinReplaced: true, sealFitted: true })).toEqual([
      { item: 'valvePin', quantity: 1 },
      { item: 'seal', quantity: 1 },
    ]);
    expect(consumablesUsed({})).toEqual([]);
  });

  it('uses the given quantities over the flags and leaves out zeros', () => {
    expect(consumablesUsed({ valvePinReplaced: true, valvePinCount: 2, copperWireCount: 3, sealFitted: true, sealCount: 0 })).toEqual([
      { item: 'valvePin', quantity: 2 },
      { item: 'copperWire', quantity: 3 },
    ]);
  });
});

describe('quantitiesPatch', () => {
  it('sets the counts and the matching flags', () => {
    expect(quantitiesPatch({ valvePin: 2, copperWire: 1, seal: 0 })).toEqual({ valvePinCount: 2, valvePinReplaced: true, copperWireCount: 1, sealCount: 0, sealFitted: false });
    expect(quantitiesPatch({})).toEqual({});
  });
});
