import type { WaitPolicy } from './decide-next.ts';

/**
 * 連絡系統図 as an escalation chain. The chain is resolved to people and copied onto a doubt when it starts
 * (a snapshot), so editing the contact chart does not change doubts already running.
 */
export type ChainTarget = { kind: 'dutySupervisor' } | { kind: 'person'; personId: string };

export interface ChartLevel {
  position: number;
  target: ChainTarget;
  ackTimeoutMinutes: number;
}

export interface ChainStep {
  level: number; // 0-based
  recipients: string[]; // person ids
  ackTimeoutMinutes: number;
}

export interface ChainSnapshot {
  steps: ChainStep[];
  /** Levels that resolved to nobody (no supervisor appointed that day, …), kept so the record says why they were skipped. */
  skipped: { position: number; reason: 'noSupervisor' | 'inactive' }[];
}

/** Resolves the chart for one day: dutySupervisor becomes that day's supervisor(s); the raiser is never their own recipient. */
export function snapshotChain(
  chart: ChartLevel[],
  supervisors: string[],
  isActive: (personId: string) => boolean,
  raisedBy?: string,
): ChainSnapshot {
  const steps: ChainStep[] = [];
  const skipped: ChainSnapshot['skipped'] = [];
  for (const level of [...chart].sort((a, b) => a.position - b.position)) {
    const people = level.target.kind === 'dutySupervisor' ? supervisors : [level.target.personId];
    const recipients = people.filter((p) => isActive(p) && p !== raisedBy);
    if (recipients.length === 0) {
      skipped.push({ position: level.position, reason: level.target.kind === 'dutySupervisor' ? 'noSupervisor' : 'inactive' });
      continue;
    }
    steps.push({ level: steps.length, recipients, ackTimeoutMinutes: level.ackTimeoutMinutes });
  }
  return { steps, skipped };
}

/** A doubt's chain as a wait: level after level, each with its timeout; after the last, everyone is told once. */
export const chainPolicy = (chain: ChainSnapshot): WaitPolicy => ({ steps: chain.steps, afterLast: 'exhaust' });
