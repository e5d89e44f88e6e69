import type { HandoverFileKey } from './ports.ts';

/** Each export file: its name and its columns in order (wording: templates/handover.ja.yaml). */
export interface HandoverFileSpec {
  key: HandoverFileKey;
  file: string;
  columns: readonly string[];
}

const ORDER_FIELDS = [
  'orderNo', 'kind', 'scheduledDate', 'status', 'customerNumber', 'customerName', 'customerNameKana', 'address', 'mapSheet', 'tapNumber',
  'meterNumber', 'diameterMm', 'previousReading', 'previousUsage', 'meterWork', 'phone', 'remarks', 'latitude', 'longitude',
] as const;

export const HANDOVER_FILES: readonly HandoverFileSpec[] = [
  { key: 'staff', file: 'staff.csv', columns: ['id', 'affiliation', 'name', 'nameKana', 'phone', 'title', 'canSupervise', 'isAdmin', 'isSecurityOfficer', 'active'] },
  { key: 'dailyStaffing', file: 'daily-staffing.csv', columns: ['date', 'personId', 'personName', 'onDuty', 'isSupervisor'] },
  { key: 'defaultStaffing', file: 'default-staffing.csv', columns: ['personId', 'personName', 'isSupervisor'] },
  { key: 'afterHoursRoster', file: 'after-hours-roster.csv', columns: ['validFrom', 'validTo', 'position', 'personId', 'personName', 'phone'] },
  { key: 'afterHoursOverrides', file: 'after-hours-overrides.csv', columns: ['date', 'personId', 'personName', 'replacesPersonId', 'note'] },
  { key: 'contactChart', file: 'contact-chart.csv', columns: ['chart', 'position', 'target', 'personId', 'personName', 'ackTimeoutMinutes'] },
  { key: 'openWorkOrders', file: 'open-work-orders.csv', columns: [...ORDER_FIELDS, 'assignedTo', 'assignedDate', 'visitOrder'] },
  {
    key: 'results',
    file: 'results.csv',
    columns: ['orderNo', 'kind', 'scheduledDate', 'personId', 'outcome', 'notDoneReason', 'reading', 'meterWorkDone', 'resultMeterNumber', 'meterDiameterMm', 'leakSuspected', 'improperUse', 'afterHours', 'note', 'channel', 'recordedAt'],
  },
  { key: 'pendingDoubts', file: 'pending-doubts.csv', columns: ['id', 'orderNo', 'raisedById', 'raisedAt', 'text', 'state', 'holderId', 'answer'] },
  {
    key: 'pendingComplaints',
    file: 'pending-complaints.csv',
    columns: ['id', 'kind', 'via', 'receivedAt', 'address', 'customerNumber', 'description', 'orderNo', 'state', 'holderId', 'findings', 'actionTaken'],
  },
];
