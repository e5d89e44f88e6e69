import { complaintsFeature } from '../features/complaints/feature.ts';
import { dayEndFeature } from '../features/day-end/feature.ts';
import { dispatchFeature } from '../features/dispatch/feature.ts';
import { escalationFeature } from '../features/escalation/feature.ts';
import type { FeatureFactory } from '../features/feature.ts';
import { incidentReportsFeature } from '../features/incident-reports/feature.ts';
import { idCardsFeature } from '../features/id-cards/feature.ts';
import { monthlyReportFeature } from '../features/monthly-report/feature.ts';
import { morningPostFeature } from '../features/morning-post/feature.ts';
import { resultsFeature } from '../features/results/feature.ts';

/**
 * Every feature of the running bot. Their chat routes are tried in this order: the supervisor's commands, then
 * complaints (before the escalation, whose doubt parser would take 「苦情 …」), the end of the day (伝達, 駐車 and
 * 完了報告 keep their meaning even when they mention 事故), incidents typed as text (before results: 「事故 0032 …」 is
 * never read as a result), results (a result and its answers come first), then doubts, the incidents' cards and
 * after-hours consent; each feature's late routes after all of them.
 */
export const FEATURES: readonly FeatureFactory[] = [
  dispatchFeature,
  complaintsFeature,
  dayEndFeature,
  incidentReportsFeature,
  resultsFeature,
  escalationFeature,
  morningPostFeature,
  monthlyReportFeature,
  idCardsFeature,
];
