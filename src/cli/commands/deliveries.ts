import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';
import type { DeliveryState } from '../../application/chat/delivery-ports.ts';
import { t, templateText } from '../../templates.ts';

const run = () => import('../actions/deliveries.ts');

const STATES: readonly DeliveryState[] = ['pending', 'failed', 'sent', 'dropped'];

const statesArg = (value: string): DeliveryState[] => {
  const wanted = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.includes('all')) return [...STATES];
  const bad = wanted.find((s) => !STATES.includes(s as DeliveryState));
  if (bad !== undefined || wanted.length === 0) throw new InvalidArgumentError(t('deliveries.cli.badState', { value: bad ?? value }));
  return wanted as DeliveryState[];
};

const positive = (key: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(templateText(key, { value }));
  return n;
};

/** `kaiheisen deliveries list|retry`: the outbox as an operator sees and clears it. */
export function register(program: Command, deps: CliDeps): void {
  const deliveries = program.command('deliveries').description(t('deliveries.cli.description'));
  deliveries
    .command('list')
    .description(t('deliveries.cli.listDescription'))
    .option('--state <states>', t('deliveries.cli.stateOption'), statesArg)
    .option('--limit <n>', t('deliveries.cli.limitOption'), positive('deliveries.cli.badLimit'))
    .option('--json', 'JSON で出力する')
    .action(async (opts: { state?: DeliveryState[]; limit?: number; json?: boolean }) => (await run()).listDeliveries(deps, opts));
  deliveries
    .command('retry')
    .description(t('deliveries.cli.retryDescription'))
    .argument('<id>', '配信 ID (deliveries list の #番号)', positive('deliveries.cli.badId'))
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .option('--json', 'JSON で出力する')
    .action(async (id: number, opts: OperatorOptions & { json?: boolean }) => (await run()).retryDelivery(deps, id, opts));
}
