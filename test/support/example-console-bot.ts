import type { ConsoleSession } from '../../src/adapters/console/console-session.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import { exampleFiles, loadDemoData } from '../../src/assembly/examples/example-loader.ts';
import { botTestContext, type BotTestContext } from './bot-context.ts';

export interface ExampleConsoleBot {
  t: BotTestContext;
  bot: Bot;
  session: ConsoleSession;
  stop(): Promise<void>;
}

/**
 * The console bot as `npm start` runs it on the example team (w01 supervises and is an admin, w02 may supervise, w03
 * is a worker, c01 is the bureau), on a virtual clock at `time` of `date`.
 */
export async function exampleConsoleBot(date: string, time: string): Promise<ExampleConsoleBot> {
  const t = await botTestContext(date, time);
  await loadDemoData(t.ctx, exampleFiles('examples'), date);
  const bot = await startBot(t.ctx, { date, out: () => {}, wallClock: false, loadExamples: false, platforms: { forceConsole: true } });
  return {
    t,
    bot,
    session: bot.console!.session,
    stop: async () => {
      await bot.stop();
      await t.dispose();
    },
  };
}
