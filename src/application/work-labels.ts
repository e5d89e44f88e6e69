import { hasTemplate, templateText } from '../templates.ts';

/** Code name of a daily job, poller or timer kind → its label's key under workLabels (templates/work-labels.ja.yaml). */
const LABEL_KEYS: Readonly<Record<string, string>> = {
  'assign-day': 'assignDay',
  'morning-post': 'morningPost',
  'monthly-report': 'monthlyReport',
  'id-card-reminder': 'idCardReminder',
  'day-end-prompt': 'dayEndPrompt',
  'daily-report': 'dailyReport',
  'daily-report-early': 'dailyReportEarly',
  'daily-report-after-overtime': 'dailyReportAfterOvertime',
  heartbeat: 'heartbeat',
  inbox: 'inbox',
  'chat-deliveries': 'chatDeliveries',
  'durable-timers': 'durableTimers',
  'order-watch': 'orderWatch',
  'escalation-watchdog': 'escalationWatchdog',
  'low-stock': 'lowStock',
  'complaint.page': 'complaintPage',
  'complaint.notify': 'complaintNotify',
  'complaint.renotify': 'complaintRenotify',
  'complaint.remind': 'complaintRemind',
  'complaint.repage': 'complaintRepage',
  'complaint.refresh': 'complaintRefresh',
  'daily.remind': 'dailyRemind',
  'doubt.escalate': 'doubtEscalate',
  'doubt.remind': 'doubtRemind',
  'incident.remind': 'incidentRemind',
  'overtime.remind': 'overtimeRemind',
};

/** 振り分け for assign-day; a name without a label (a feature added later) is shown as it is. */
export function workLabel(name: string): string {
  const key = LABEL_KEYS[name] && `workLabels.${LABEL_KEYS[name]}`;
  return key && hasTemplate(key) ? templateText(key) : name;
}
