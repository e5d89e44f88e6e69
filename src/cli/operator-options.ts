/**
 * The options every operator-checked command declares. Apart from operator.ts so that a command's declaration (all
 * `kaiheisen --help` loads) needs neither the database nor the access checks.
 */
export interface OperatorOptions {
  by?: string;
  passwordStdin?: boolean;
}

export const BY_OPTION = ['--by <id>', '実行する職員ID (OS アカウントが職員ファイルの osUser に登録されていれば不要。省略時は KAIHEISEN_OPERATOR)'] as const;
export const PASSWORD_STDIN_OPTION = ['--password-stdin', '--by の職員のパスワードを標準入力から読む (スクリプト用)'] as const;
