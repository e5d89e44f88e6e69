import { InvalidArgumentError, type Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';

const run = () => import('../actions/complaint.ts');

const idArg = (value: string): number => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new InvalidArgumentError(t('complaint.notFound', { id: value }));
  return id;
};

function registerAdd(complaint: Command, deps: CliDeps): void {
  complaint
    .command('add')
    .description('苦情を受け付けます (業務時間内は作業者と業務責任者へ、時間外は当番を呼び出し)')
    .requiredOption('--kind <kind>', 'noWater (水が出ない) | other')
    .option('--address <address>', '住所')
    .option('--customer <number>', 'お客さま番号')
    .requiredOption('--description <text>', '内容')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { kind: string; address?: string; customer?: string; description: string; json?: boolean } & OperatorOptions) => (await run()).complaintAdd(deps, opts));
}

function registerAck(complaint: Command, deps: CliDeps): void {
  complaint
    .command('ack')
    .description('苦情を受領します (呼び出しを止め、業務責任者と局に知らせます)')
    .argument('<id>', '苦情の番号', idArg)
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (id: number, opts: OperatorOptions) => (await run()).complaintAck(deps, id, opts));
}

function registerResolve(complaint: Command, deps: CliDeps): void {
  complaint
    .command('resolve')
    .description('苦情の解決報告を記録します')
    .argument('<id>', '苦情の番号', idArg)
    .requiredOption('--found <text>', '原因 (何があったか)')
    .requiredOption('--done <text>', '処置 (何をしたか)')
    .option('--at <time>', '解決日時 HH:MM または "YYYY-MM-DD HH:MM" (省略時は今)')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (id: number, opts: { found: string; done: string; at?: string } & OperatorOptions) => (await run()).complaintResolve(deps, id, opts));
}

function registerList(complaint: Command, deps: CliDeps): void {
  complaint
    .command('list')
    .description('月ごとの苦情と時間外の呼び出し (月報用)')
    .option('--month <YYYY-MM>', '月 (省略時は今月)')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { month?: string; json?: boolean }) => (await run()).complaintList(deps, opts));
}

/** `kaiheisen complaint add | ack | resolve | list`. */
export function register(program: Command, deps: CliDeps): void {
  const complaint = program.command('complaint').description('苦情の受付・受領・解決報告・一覧');
  registerAdd(complaint, deps);
  registerAck(complaint, deps);
  registerResolve(complaint, deps);
  registerList(complaint, deps);
}
