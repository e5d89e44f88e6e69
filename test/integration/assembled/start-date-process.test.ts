import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';
import { runConsoleProcess } from '../../support/bot-process.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const code = await runCli(args, { env: { KAIHEISEN_LOG_LEVEL: 'silent', ...env }, out: (s) => out.push(s), err: (s) => out.push(s) });
  return { code, text: out.join('') };
}

describe('kaiheisen start --date', () => {
  it('as a process on the console: the clock at the morning of D, /time moves it and the morning post arrives, 残り lists D', async () => {
    temp = await tempDatabase();
    const input = ['/time', '/time 08:31', '/as w02', '残り', '/quit', ''].join('\n');
    const { code, output } = await runConsoleProcess({ databaseUrl: temp.url, args: ['--date', '2026-03-30'], input });
    expect(code, output).toBe(0);
    expect(output).toContain('例のデータを読み込みました: 職員 7 名 / 作業 40 件 (2026-03-30 の作業として)');
    expect(output).toContain('コンソールの時計を 2026年3月30日(月) 07:55 (朝) に合わせました。');
    expect(output).toContain('現在の時刻 (コンソールの時計): 2026年3月30日(月) 07:55');
    expect(output).toContain('時計を 2026年3月30日(月) 08:31 に進めました。\n途中で実行した処理:\n  2026年3月30日(月) 08:00 定時処理 振り分け\n  2026年3月30日(月) 08:30 定時処理 朝の配信');
    expect(output).toContain('■ 3月30日(月) 作業者配置・業務責任者');
    expect(output).toMatch(/── w02 宛 ──\n■ 3月30日\(月\) の残り \d+件/);
  });

  it('refuses a date that is not one (usage, exit 2), a closed day naming the next work day, and --date with Slack', async () => {
    temp = await tempDatabase();
    const bad = await cli(['start', '--date', '2026-02-30'], { DATABASE_URL: temp.url });
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.text).toContain('--date は YYYY-MM-DD で指定してください (受け取った値: 2026-02-30)');
    const closed = await cli(['start', '--date', '2027-01-02'], { DATABASE_URL: temp.url });
    expect(closed).toMatchObject({ code: 2 });
    expect(closed.text).toContain('2027-01-02 (1月2日(土)) は業務日ではありません。次の業務日は 2027-01-04 (1月4日(月)) です: --date 2027-01-04');
    const slack = await cli(['start', '--date', '2026-03-30'], {
      DATABASE_URL: temp.url,
      SLACK_BOT_TOKEN: 'xoxb-date-refusal-0001',
      SLACK_SIGNING_SECRET: 'date-refusal-secret',
    });
    expect(slack).toMatchObject({ code: 2 });
    expect(slack.text).toContain('--date はコンソールで起動するときだけ使えます');
    expect(await temp.db.read.workOrder.count()).toBe(0);
  });
});
