import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { BY_OPTION, PASSWORD_STDIN_OPTION, type OperatorOptions } from '../operator-options.ts';
import type { PasswordOptions } from '../staff-password.ts';

const run = () => import('../actions/staff.ts');

export function register(program: Command, deps: CliDeps): void {
  const staff = program.command('staff').description('職員 (作業者・業務責任者・発注者の連絡先) の登録と一覧');
  staff
    .command('load')
    .description('職員ファイル (YAML) を読み込みます。ファイルにない人は無効化します (削除はしません)')
    .argument('<file>', '職員ファイルのパス (例: examples/staff.yaml)')
    .option('--dry-run', '変更内容を表示するだけで、データベースは変更しない')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean } & OperatorOptions) => (await run()).staffLoad(deps, file, opts));
  staff
    .command('list')
    .description('職員の一覧 (役割・チャットID・身分証明書の期限。電話番号は一部を伏せます)')
    .option('--json', 'JSON で出力する')
    .option(...BY_OPTION)
    .option(...PASSWORD_STDIN_OPTION)
    .action(async (opts: { json?: boolean } & OperatorOptions) => (await run()).staffList(deps, opts));
  staff
    .command('trainings')
    .description('研修記録の一覧 (だれが・いつ・どの研修を・修了したか)')
    .option('--worker <id>', 'この職員の記録だけ')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { worker?: string; json?: boolean }) => (await run()).staffTrainings(deps, opts));
  registerPassword(staff, deps);
}

function registerPassword(staff: Command, deps: CliDeps): void {
  staff
    .command('password')
    .description('CLI で本人確認に使うパスワードを設定します (本人・管理者。最初の1人は SQLite ならデータベースファイルの所有者、PostgreSQL なら DATABASE_URL で接続できる人)')
    .argument('<id>', 'パスワードを設定する職員ID')
    .option(...BY_OPTION)
    .option('--password-stdin', '新しいパスワードを標準入力から読む (スクリプト用。本人確認は osUser か KAIHEISEN_OPERATOR_PASSWORD)')
    .action(async (id: string, opts: PasswordOptions) => (await import('../staff-password.ts')).setPassword(deps, id, opts));
}
