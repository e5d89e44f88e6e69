import { complaintsFeature } from '../features/complaints/feature.ts';
import { dayEndFeature } from '../features/day-end/feature.ts';
import { dispatchFeature } from '../features/dispatch/feature.ts';
import { escalationFeature } from '../features/escalation/feature.ts';
import type { FeatureFactory } from '../features/feature.ts';
import { idCardsFeature } from '../features/id-cards/feature.ts';
import { monthlyReportFeature } from '../features/monthly-report/feature.ts';
import { morningPostFeature } from '../features/morning-post/feature.ts';
import { resultsFeature } from '../features/results/feature.ts';

/**
 * Every feature of the running bot. Their chat routes are tried in this order: the supervisor's commands, then
 * complaints (before the escalation, whose doubt parser would take 「苦情 …」), the end of the day, results (a result
 * and its answers come first), then doubts and incidents; each feature's late routes after all of them.
 */
export const FEATURES: readonly FeatureFactory[] = [
  dispatchFeature,
  complaintsFeature,
  dayEndFeature,
  resultsFeature,
  escalationFeature,
  morningPostFeature,
  monthlyReportFeature,
  idCardsFeature,
];
