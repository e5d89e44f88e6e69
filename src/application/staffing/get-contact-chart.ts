import type { ChartLevel, ChartName } from '../../domain/staffing/contact-chart.ts';
import type { StaffReader } from './ports.ts';

export interface PositionedChartLevel extends ChartLevel {
  position: number; // 1 = called first
}

/**
 * 連絡系統図 of one chart, in calling order. The levels fit `snapshotChain` of
 * src/domain/escalation/chain.ts, which turns the duty-supervisor level into the day's supervisors
 * (from getDayStaffing) when a doubt or an incident starts.
 */
export async function getContactChart(
  deps: { staff: Pick<StaffReader, 'contactCharts'> },
  chart: ChartName,
): Promise<PositionedChartLevel[]> {
  const charts = await deps.staff.contactCharts();
  return charts[chart].map((level, i) => ({ ...level, position: i + 1 }));
}
