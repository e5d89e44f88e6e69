import type { Command } from 'commander';

// Apart from protected-output.ts so that a command's declaration loads no cryptography or file writing.

/** The options of commands that write personal data to files that leave the server (annex art. 11). */
export interface ProtectionOptions {
  plain?: boolean;
  passwordFile?: string;
  /** Print the generated password even when stderr is no terminal (a file, a pipe): refused without it. */
  printPassword?: boolean;
}

/** `--force`: every report's output (--out, --csv) replaces an existing file only with it. */
export interface ForceOption {
  force?: boolean;
}

export function withForceOption(command: Command): Command {
  return command.option('--force', '出力先にファイルがすでにあるときは置き換える (省略時は上書きせずに止めます)');
}

export function withProtectionOptions(command: Command): Command {
  return command
    .option('--password-file <file>', '暗号化 ZIP のパスワードをこのファイル (chmod 600) の 1 行目から読む (16 文字以上の半角英数字・記号)。省略時は毎回ランダムに作って画面 (端末) に表示します')
    .option('--print-password', '作ったパスワードを、標準エラー出力が端末でなくても (ファイル・パイプ・cron のログ) 表示する。省略時は端末でなければ書き出しを止めます')
    .option('--plain', '暗号化せずに平文で書き出す (危険: 個人情報がそのまま残ります。暗号化した媒体に書き出すときだけ)');
}
