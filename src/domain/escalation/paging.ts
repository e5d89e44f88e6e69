import type { WaitPolicy } from './decide-next.ts';

/**
 * After-hours paging of the roster for a complaint, as a wait: one person a step, in roster order, each with the
 * acknowledgement timeout; nobody acknowledges → the next, and round again until someone does.
 */
export const rosterPolicy = (roster: readonly string[], ackTimeoutMinutes: number): WaitPolicy => ({
  steps: roster.map((personId) => ({ recipients: [personId], ackTimeoutMinutes })),
  afterLast: 'repeat',
});
