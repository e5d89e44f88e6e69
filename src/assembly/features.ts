import { assignmentFeature } from '../features/assignment/feature.ts';
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
import { suppliesFeature } from '../features/supplies/feature.ts';

/**
 * Every feature of the running bot. The order does not decide who answers a message: each message is recognised once
 * by the one chat surface (src/application/chat/intents/chat-surface.ts) and goes to the feature handling its intent;
 * two features handling one intent, button or form is an error at start-up.
 */
export const FEATURES: readonly FeatureFactory[] = [
  assignmentFeature,
  dispatchFeature,
  complaintsFeature,
  dayEndFeature,
  incidentReportsFeature,
  resultsFeature,
  escalationFeature,
  morningPostFeature,
  monthlyReportFeature,
  idCardsFeature,
  suppliesFeature,
];
