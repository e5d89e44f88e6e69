import type { ConsoleDelivery } from '../adapters/console/console-adapter.ts';
import { targetKeyOf } from '../adapters/console/console-adapter.ts';
import { targetOf } from '../adapters/console/console-session.ts';
import { t } from '../templates.ts';
import type { Expectation } from './script.ts';

const PREVIEW_CHARS = 160;

function preview(deliveries: ConsoleDelivery[], to: string, mask: (text: string) => string): string {
  if (deliveries.length === 0) return t('simulate.receivedNone', { to });
  const lines = deliveries.map((d) => {
    const flat = mask(d.text).replace(/\s*\n\s*/g, ' / ');
    return `    - ${flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat}`;
  });
  return [t('simulate.received', { to, count: deliveries.length }), ...lines].join('\n');
}

/**
 * Checks one expectation against the deliveries of its window. Returns why it failed (Japanese, with what the
 * recipient did receive, each message passed through `mask`), or undefined when it holds.
 */
export function checkExpectation(
  expect: Expectation,
  window: ConsoleDelivery[],
  currentUser: string | undefined,
  mask: (text: string) => string = (text) => text,
): string | undefined {
  const to = expect.to ?? currentUser;
  if (!to) return t('simulate.noUser');
  const key = targetKeyOf(targetOf(to));
  const mine = window.filter((d) => targetKeyOf(d.target) === key);
  const reasons: string[] = [];
  for (const text of expect.contains ?? []) {
    if (!mine.some((d) => d.text.includes(text))) reasons.push(t('simulate.missing', { to, text }));
  }
  for (const text of expect.not_contains ?? []) {
    if (mine.some((d) => d.text.includes(text))) reasons.push(t('simulate.present', { to, text }));
  }
  if (expect.count !== undefined && mine.length !== expect.count) {
    reasons.push(t('simulate.count', { to, expected: expect.count, actual: mine.length }));
  }
  return reasons.length > 0 ? [...reasons, preview(mine, to, mask)].join('\n') : undefined;
}
