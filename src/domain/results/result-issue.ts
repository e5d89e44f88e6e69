/**
 * Something a result still lacks or has wrong, as `field.problem`. Each code is also the question the
 * chat asks to settle it: wording in templates/results.ja.yaml under `results.issue.<code>`.
 */
export const RESULT_ISSUE_CODES = [
  'outcome.missing',
  'notDoneReason.missing',
  'note.missing',
  'customerPresent.missing',
  'customerConsent.missing',
  'customerConsent.refused',
  'reading.missing',
  'reading.invalid',
  'reading.unconfirmed',
  'reading.confirmHighUsage',
  'meterDiffersFromRecord.missing',
  'readingDifferenceNote.missing',
  'meterWorkDone.missing',
  'meterNumber.missing',
  'meterDiameterMm.missing',
  'meterDiameterMm.invalid',
  'meterDiameterMm.notAsOrdered',
  'valvePinOrSeal.missing',
  'noticeSlipLeft.missingAfterRemoval',
  'outdoorTap.missing',
  'outdoorTap.dryAfterOpen',
  'outdoorTap.flowsAfterClose',
  'valveFoundClosed.missing',
  'pilotChecked.required',
  'pilotStillTurning.missing',
  'valveClosedForPilot.missing',
  'noticeSlipLeft.missing',
  'phoneContacted.missing',
  'phoneContactOutcome.missing',
  'customerToldOfDefect.missing',
  'improperUseNotified.missing',
] as const;
export type ResultIssueCode = (typeof RESULT_ISSUE_CODES)[number];

export interface ResultIssue {
  code: ResultIssueCode;
  /** Values the question shows (the reading to confirm, the ordered diameter…). */
  params?: Record<string, string | number>;
}

/** Template key of the question or message for an issue. */
export const issueTemplateKey = (code: ResultIssueCode): string => `results.issue.${code}`;
