import { describe, expect, it } from 'vitest';
import { WalCheckpoints } from '../../../../src/adapters/db/import-step-pacing.ts';

/** Which steps of an import are followed by a checkpoint, given the WAL frames each step leaves. */
function checkpointedSteps(framesPerStep: number, steps: number): number[] {
  const checkpoints = new WalCheckpoints();
  const at: number[] = [];
  let wal = 0;
  for (let step = 1; step <= steps; step++) {
    wal += framesPerStep;
    checkpoints.afterStep(() => {
      at.push(step);
      const frames = wal;
      wal = 0;
      return frames;
    });
  }
  return at;
}

describe('checkpoints of an import (SQLite)', () => {
  it('after every step while a step leaves more than half the budget, else after as many steps as stay below it', () => {
    expect(checkpointedSteps(1_200, 4)).toEqual([1, 2, 3, 4]);
    expect(checkpointedSteps(350, 7)).toEqual([1, 3, 5, 7]); // encrypted days of ~165 orders: 2 steps, 700 frames
    expect(checkpointedSteps(100, 15)).toEqual([1, 8, 15]);
  });

  it('never lets more than 50 steps pass without one', () => {
    expect(checkpointedSteps(1, 120)).toEqual([1, 51, 101]);
  });
});
