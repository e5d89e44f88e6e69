import type { Clock } from '../ports.ts';
import type { Actor } from './ports.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { isIsoDate, tokyoDate, tokyoInstant } from '../../domain/calendar/local-time.ts';

/** A training day a person played (spec 8 研修). */
export interface TrainingRecord {
  id: number;
  personId: string;
  scenario: string;
  scriptFile: string;
  startedAt: Date;
  finishedAt: Date;
  passed: boolean;
  tasks: number;
  tasksPassed: number;
}

export type NewTraining = Omit<TrainingRecord, 'id' | 'finishedAt'>;

export interface TrainingStore {
  /** Whether the person is registered, active, and on which side; null when unknown. */
  person(personId: string): Promise<{ active: boolean; affiliation: string } | null>;
  /** Inserts the record with its audit row (training.recorded) in one transaction; its id. */
  record(training: Omit<TrainingRecord, 'id'>, actor: Actor): Promise<number>;
  /** Oldest first; one person's, or everyone's. */
  list(personId?: string): Promise<TrainingRecord[]>;
}

export interface TrainingDeps {
  trainings: TrainingStore;
  clock: Clock;
}

/** The trainee must be an active contractor worker of the configured staff: refused before anything is played. */
export async function requireTrainee(deps: TrainingDeps, personId: string): Promise<void> {
  const person = await deps.trainings.person(personId);
  if (!person?.active) throw new AppError(ErrorCode.NotFound, t('training.unknownWorker', { id: personId }));
  if (person.affiliation !== 'contractor') throw new AppError(ErrorCode.InvalidInput, t('training.notContractor', { id: personId }));
}

/** Records a finished training day (passed or not), audited. */
export async function recordTraining(deps: TrainingDeps, training: NewTraining, actor: Actor): Promise<TrainingRecord> {
  await requireTrainee(deps, training.personId);
  const finished = { ...training, finishedAt: deps.clock.now() };
  const id = await deps.trainings.record(finished, actor);
  return { id, ...finished };
}

/** Who trained when, with which scenario: `kaiheisen staff trainings`, and the ID card request (spec 9(1)). */
export async function listTrainings(deps: Pick<TrainingDeps, 'trainings'>, personId?: string): Promise<TrainingRecord[]> {
  // A person no longer active keeps their records; an id never registered is a typo.
  if (personId !== undefined && !(await deps.trainings.person(personId))) throw new AppError(ErrorCode.NotFound, t('training.list.unknownWorker', { id: personId }));
  return deps.trainings.list(personId);
}

/** scriptFile of a training recorded by hand (`kaiheisen train record`): no scenario was played in the bot. */
export const MANUAL_TRAINING = 'manual';

/**
 * A training given outside the bot (spec 8: classroom, on the job), recorded by hand as passed on its date. The time
 * of day is not known: start and finish are the start of that Tokyo day.
 */
export async function recordManualTraining(
  deps: TrainingDeps,
  input: { personId: string; date: string; topic: string },
  actor: Actor,
): Promise<TrainingRecord> {
  const today = tokyoDate(deps.clock.now());
  if (!isIsoDate(input.date) || input.date > today) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.trainRecord.badDate', { value: input.date }));
  const topic = input.topic.trim();
  if (topic === '' || topic.length > 100) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.trainRecord.badTopic'));
  await requireTrainee(deps, input.personId);
  const at = tokyoInstant(input.date);
  const record = { personId: input.personId, scenario: topic, scriptFile: MANUAL_TRAINING, startedAt: at, finishedAt: at, passed: true, tasks: 0, tasksPassed: 0 };
  const id = await deps.trainings.record(record, actor);
  return { id, ...record };
}
