/** 作業種別 of a work order, as the bureau's export names them. */
export const TASK_KINDS = ['open', 'close', 'transfer', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const BY_LABEL: Record<string, TaskKind> = {
  開栓: 'open',
  閉栓: 'close',
  休止: 'close',
  名変: 'transfer',
  名義変更: 'transfer',
  その他: 'other',
};

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  open: '開栓',
  close: '閉栓',
  transfer: '名変',
  other: 'その他',
};

export function taskKindFromLabel(label: string): TaskKind | undefined {
  return BY_LABEL[label.trim()];
}

/** メーター作業 column. */
export const METER_WORKS = ['install', 'replace', 'remove'] as const;
export type MeterWork = (typeof METER_WORKS)[number];

const METER_WORK_BY_LABEL: Record<string, MeterWork> = { 取付: 'install', 取替: 'replace', 引上: 'remove' };

export const METER_WORK_LABELS: Record<MeterWork, string> = { install: '取付', replace: '取替', remove: '引上' };

export function meterWorkFromLabel(label: string): MeterWork | undefined {
  return METER_WORK_BY_LABEL[label.trim()];
}

/** 口径: the contract covers meter work on these bores only (φ40 and below). */
export const METER_DIAMETERS_MM = [13, 20, 25, 30, 40] as const;
export type MeterDiameterMm = (typeof METER_DIAMETERS_MM)[number];

export function isContractDiameter(mm: number): mm is MeterDiameterMm {
  return (METER_DIAMETERS_MM as readonly number[]).includes(mm);
}
