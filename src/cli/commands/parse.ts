import { Option, type Command } from 'commander';
import type { CliDeps } from '../index.ts';

/** `kaiheisen parse`: how the bot reads a worker's reply. Needs no database: loads the reply parser only. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('parse')
    .description('作業者の返信 (自由記述) をボットがどう読むかを表示します (データベース不要)')
    .argument('<text...>', '返信の文 (例: "0012 開栓完了 指針1187")')
    .option('--json', 'JSON (1 オブジェクト) で出力する')
    .addOption(new Option('--awaiting <step>', '直前にボットが尋ねた項目 (reading: 指針を尋ねた後の返信として読む)').choices(['reading']))
    .action(async (words: string[], opts: { json?: boolean; awaiting?: 'reading' }) => (await import('../actions/parse.ts')).parse(deps, words, opts));
}
