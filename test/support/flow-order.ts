import type { ResultOrderInfo } from '../../src/application/results/ports.ts';
import type { TaskKind } from '../../src/domain/work-order/task-kind.ts';

/** A synthetic order for the results flow's unit tests: 20260327-0012, previous reading 1000, previous usage 20 m³. */
export function flowOrder(kind: TaskKind, extra: Partial<ResultOrderInfo> = {}): ResultOrderInfo {
  return {
    orderNo: '20260327-0012',
    kind,
    meterWork: null,
    diameterMm: 20,
    meterNumber: 'M00000001',
    previousReading: 1000,
    previousUsage: 20,
    address: '石川県金沢市架空町1-1',
    town: '架空町',
    scheduledDate: '2026-03-27',
    status: 'open',
    assignment: { personId: 'w02', date: '2026-03-27' },
    hasResult: false,
    ...extra,
  };
}
