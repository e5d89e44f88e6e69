import { createStalledChainCheck } from '../../application/cases/check-stalled-chains.ts';
import { escalationRoutes, escalationTimerHandlers, escalationWaits } from '../../application/escalation/escalation-routes.ts';
import { escalationDepsOf } from '../../assembly/services/escalation.ts';
import type { FeatureFactory } from '../feature.ts';

/** How often the watchdog looks for escalation steps that should have run by now. */
const WATCHDOG_EVERY_MS = 60_000;

/**
 * 疑義 (doubts), incidents and after-hours consent: the chat routes, the reminder and escalation steps (durable
 * timers: an overdue step runs on the first tick after a start) and the watchdog over stalled chains.
 */
export const escalationFeature: FeatureFactory = ({ ctx, chat, settings }) => {
  const escalation = { ...ctx.config.escalation, ...settings.escalation };
  const deps = escalationDepsOf(ctx, chat.gateway, escalation);
  const checkStalledChains = createStalledChainCheck({ ...deps, thresholdMs: escalation.watchdogLateMs });
  return {
    name: 'escalation',
    routes: [escalationRoutes(deps)],
    timers: escalationTimerHandlers(deps),
    waits: escalationWaits(deps),
    pollers: [{ name: 'escalation-watchdog', everyMs: WATCHDOG_EVERY_MS, tick: checkStalledChains }],
  };
};
