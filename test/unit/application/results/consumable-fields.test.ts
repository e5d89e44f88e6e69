import { describe, expect, it } from 'vitest';
import { consumableFields, consumableLines } from '../../../../src/application/results/consumable-fields.ts';
import { consumablesUsed } from '../../../../src/domain/consumables/consumable-items.ts';
import type { ResultDraft } from '../../../../src/domain/results/result-draft.ts';

const draft = (d: Partial<ResultDraft>) => ({ outcome: 'done', valvePinCount: null, copperWireCount: null, sealCount: null, ...d }) as ResultDraft;
const used = (d: Partial<ResultDraft>) => Object.fromEntries(consumablesUsed(draft(d)).map((u) => [u.item, u.quantity]));

describe('the result form quantity hints', () => {
  const hints = Object.fromEntries(consumableFields(undefined).map((f) => [f.id, f.hint ?? '']));

  it('each hint states the rule its blank field follows', () => {
    // Blank pin: 1 when the pin was replaced, else 0; the hint names the pin tick and no other.
    expect(used({ valvePinReplaced: true })).toEqual({ valvePin: 1 });
    expect(hints.valvePinCount).toContain('ピン交換');
    expect(hints.valvePinCount).not.toContain('封印');
    // Blank seal: 1 when a seal was fitted.
    expect(used({ sealFitted: true })).toEqual({ seal: 1 });
    expect(hints.sealCount).toContain('封印');
    expect(hints.sealCount).not.toContain('ピン');
    // Blank copper wire: 0 whatever the ticks say, and the hint says 0 with no tick in it.
    expect(used({ valvePinReplaced: true, sealFitted: true }).copperWire).toBeUndefined();
    expect(hints.copperWireCount).toContain('空欄なら 0');
    expect(hints.copperWireCount).not.toMatch(/ピン|封印|1 とします/u);
  });
});

describe('the 使用材料 line of the echo and the receipt', () => {
  it('shows what the ticks count even when no quantity was typed', () => {
    expect(consumableLines(draft({ valvePinReplaced: true }))).toEqual(['使用材料: 休止用ピン 1本']);
    expect(consumableLines(draft({ valvePinReplaced: true, sealFitted: true }))).toEqual(['使用材料: 休止用ピン 1本、封印玉 1個']);
  });

  it('shows a quantity given as 0, and nothing when nothing is counted', () => {
    expect(consumableLines(draft({ copperWireCount: 0 }))).toEqual(['使用材料: 銅線 0本']);
    expect(consumableLines(draft({ valvePinReplaced: true, copperWireCount: 2 }))).toEqual(['使用材料: 休止用ピン 1本、銅線 2本']);
    expect(consumableLines(draft({}))).toEqual([]);
  });
});
