import type { CliDeps } from '../index.ts';
import { trainingDepsOf } from '../../assembly/services/staff.ts';
import { recordManualTraining } from '../../application/staffing/trainings.ts';
import { formatEraDate } from '../../domain/reports/japanese-era.ts';
import { t } from '../../templates.ts';
import { requireOperator, type OperatorOptions } from '../operator.ts';

/** Records a training given outside the bot; audited (training.recorded) by the store. */
export async function trainRecord(deps: CliDeps, opts: { worker: string; date: string; topic: string } & OperatorOptions): Promise<void> {
  const ctx = await deps.context();
  const actor = await requireOperator(deps, ctx, opts, 'recordTraining');
  const record = await recordManualTraining(trainingDepsOf(ctx), { personId: opts.worker.trim(), date: opts.date, topic: opts.topic }, actor);
  deps.out(`${t('bureauDocs.trainRecord.done', { id: record.personId, date: formatEraDate(opts.date), topic: record.scenario })}\n`);
}
