import type { TrainingStore } from '../../application/staffing/trainings.ts';
import { writeAudit } from './audit-writer.ts';
import type { Database } from './database.ts';

export function createTrainingStore(db: Database): TrainingStore {
  return {
    async person(personId) {
      return db.read.person.findUnique({ where: { id: personId }, select: { active: true, affiliation: true } });
    },
    async record(training, actor) {
      return db.write(async (tx) => {
        const row = await tx.training.create({ data: training });
        const after = { personId: training.personId, scenario: training.scenario, passed: training.passed, tasks: training.tasks, tasksPassed: training.tasksPassed };
        await writeAudit(tx, training.finishedAt, { ...actor, action: 'training.recorded', entity: 'Training', entityId: String(row.id), after });
        return row.id;
      });
    },
    async list(personId) {
      return db.read.training.findMany({ where: personId ? { personId } : {}, orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }] });
    },
  };
}
