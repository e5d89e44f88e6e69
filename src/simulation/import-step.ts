import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../assembly/context.ts';
import type { VirtualClock } from '../adapters/clock/clocks.ts';
import type { ConsoleDelivery } from '../adapters/console/console-adapter.ts';
import { ConsoleInputError } from '../adapters/console/input-error.ts';
import { KANAZAWA_MAPPING } from '../adapters/csv/column-mapping.ts';
import { loadColumnMapping } from '../adapters/csv/work-order-file.ts';
import { importWorkOrders } from '../application/import-work-orders.ts';
import type { Bot } from '../assembly/assemble-bot.ts';
import { t } from '../templates.ts';
import { readExampleOrders } from '../assembly/examples/example-orders.ts';
import { importDepsOf } from '../assembly/services/work-orders.ts';

export interface ImportStepDeps {
  ctx: AppContext;
  bot: Bot;
  clock: VirtualClock;
  /** The script's folder: the file is relative to it. */
  baseDir: string;
  /** The script's day: the file's dates are moved to it, like the example orders. */
  date: string;
  write(text: string): void;
}

/**
 * `import: changes.csv`: the bureau's export imported as `kaiheisen import` would (another process in real life:
 * the bot notices through the database only), then the jobs and pollers due now run (the order watch tells the
 * workers). Resolves with what that delivered.
 */
export function createImportStep(deps: ImportStepDeps): (file: string) => Promise<ConsoleDelivery[]> {
  return async (file) => {
    const { ctx } = deps;
    const path = resolve(deps.baseDir, file);
    // A missing file is a mistake in the script: the step fails with its number, like a button that is not there.
    if (!existsSync(path)) throw new ConsoleInputError(t('simulateSteps.importMissing', { file: path }));
    const mapping = ctx.config.importMappingFile ? loadColumnMapping(ctx.config.importMappingFile) : KANAZAWA_MAPPING;
    const result = await importWorkOrders(importDepsOf(ctx), {
      source: readExampleOrders(path, mapping, deps.date),
      dryRun: false,
      actor: { actorId: null, channel: 'cli' },
    });
    deps.write(`  ${t('simulateSteps.imported', { file, imported: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected.length })}\n`);
    const adapter = deps.bot.console!.adapter;
    const before = adapter.lastSeq();
    await deps.bot.tick(deps.clock.now());
    return adapter.deliveries(before);
  };
}
