import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { japaneseZodErrors } from '../adapters/staff-file/japanese-zod-errors.ts';
import { parseUserYaml } from '../adapters/yaml/user-yaml.ts';
import { isIsoDate } from '../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { t } from '../templates.ts';

const texts = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
const text = z.union([z.string(), z.number()]).transform(String);
const clockTime = z.string().regex(/^(\d{4}-\d{2}-\d{2} )?([01]?\d|2[0-3]):[0-5]\d$/, { error: () => t('simulate.badTime') });

const expectation = z.strictObject({
  /** A user (w02) or a channel (#bureau); default: the current `as` user. */
  to: z.string().optional(),
  contains: texts.optional(),
  not_contains: texts.optional(),
  /** How many messages `to` got (posts, updates and forms). */
  count: z.number().int().min(0).optional(),
  /** step: what the last action delivered (default); start: everything since the start. */
  since: z.enum(['step', 'start']).default('step'),
});

const ACTIONS = ['at', 'say', 'press', 'submit', 'attach', 'import'] as const;

const step = z
  .strictObject({
    note: z.string().optional(),
    at: clockTime.optional(),
    as: text.optional(),
    say: text.optional(),
    press: z.union([z.number().int().positive(), z.string().min(1)]).optional(),
    /** With press by label: the button whose value contains this (an order number). */
    of: text.optional(),
    /** With press: the message (console:12) or channel (#bureau) whose button is pressed. */
    in: z.string().optional(),
    submit: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
    attach: z.string().optional(),
    /** A work-order export (relative to the script) imported as the bureau would, then the jobs and pollers run. */
    import: z.string().min(1).optional(),
    expect: z.union([expectation, z.array(expectation)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
    /** Training (`kaiheisen train`): what the trainee is asked to do; the step's action is the model answer. */
    task: z.string().min(1).optional(),
    /** The day's order (0012) whose result must be recorded once the step is done. */
    recorded: text.optional(),
  })
  .refine((s) => ACTIONS.filter((a) => s[a] !== undefined).length <= 1, { error: () => t('simulate.oneAction') })
  .refine((s) => Object.values(s).some((v) => v !== undefined), { error: () => t('simulate.emptyStep') });

const scriptSchema = z.strictObject({
  title: z.string().default('シナリオ'),
  description: z.string().optional(),
  /** The work day played; the example orders are moved to it. */
  date: z.string().refine(isIsoDate, { error: () => t('simulate.badDate') }),
  /** Virtual clock at the start (Asia/Tokyo). */
  time: clockTime.default('08:00'),
  /** Training: the worker of the staff file the trainee plays (their `task` steps). */
  trainee: text.optional(),
  /** Staff file and work-order export, relative to the script's folder (default: the examples). */
  staff: z.string().optional(),
  orders: z.string().optional(),
  steps: z.array(step).min(1),
});

export type SimulationScript = z.infer<typeof scriptSchema>;
export type SimulationStep = SimulationScript['steps'][number];
export type Expectation = z.infer<typeof expectation>;

export function parseScript(source: string, file: string): SimulationScript {
  const yaml = parseUserYaml(source);
  if (!yaml.ok) throw new AppError(ErrorCode.InvalidInput, t('simulate.scriptInvalid', { file, problems: yaml.problems.join('\n') }));
  const parsed = scriptSchema.safeParse(yaml.value, { error: japaneseZodErrors });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => t('simulate.problem', { path: pathText(i.path), message: i.message }));
  throw new AppError(ErrorCode.InvalidInput, t('simulate.scriptInvalid', { file, problems: problems.join('\n') }));
}

/** steps[3].expect → 手順 4 expect (steps are numbered from 1 for people). */
function pathText(path: PropertyKey[]): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    return [t('simulate.step', { n: path[1] + 1 }), ...path.slice(2).map(String)].join(' ');
  }
  return path.map(String).join('.') || '(全体)';
}

export function readScript(file: string): SimulationScript {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AppError(ErrorCode.FileUnreadable, t('simulate.scriptUnreadable', { file, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
  return parseScript(source, file);
}
