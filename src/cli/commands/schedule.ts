import type { Command } from 'commander';
import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { workLabel } from '../../application/work-labels.ts';
import { assembleFeatures, INBOX_POLLER } from '../../assembly/assemble-bot.ts';
import { openSendingChat } from '../../assembly/chat/sending-chat.ts';
import { DELIVERY_POLLER } from '../../assembly/chat/outbox.ts';
import { describeScheduledWork, type ScheduledWorkDescription } from '../../assembly/scheduled-work.ts';
import { HEARTBEAT_POLLER } from '../../assembly/services/health.ts';

/** `kaiheisen schedule`: what the running bot does by itself, and when (the features as `start` assembles them). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('schedule')
    .description('ボットが自動で行うこと (毎日の定時処理、定期確認、待ち時間後の処理) とその時刻・間隔を表示します')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await deps.context();
      // The features are built on a console chat that sends nothing here: nothing runs, nothing is written.
      const chat = await openSendingChat(ctx, { forceConsole: true });
      try {
        const features = assembleFeatures(ctx, chat, ['console'], 'schedule', { morningPostAt: ctx.config.morningPostTime });
        const work = describeScheduledWork(features, [HEARTBEAT_POLLER, INBOX_POLLER, DELIVERY_POLLER], ctx.config.escalation.timerPollMs);
        deps.out(opts.json ? `${JSON.stringify(work)}\n` : textOf(work));
      } finally {
        await chat.stop();
      }
    });
}

function textOf(work: ScheduledWorkDescription): string {
  return [
    t('schedule.dailyJobs'),
    ...work.dailyJobs.map((j) =>
      t(j.catchUpUntil ? 'schedule.dailyJobCatchUp' : 'schedule.dailyJob', { ...j, label: workLabel(j.name), catchUpUntil: j.catchUpUntil ?? '' }),
    ),
    t('schedule.pollers'),
    ...work.pollers.map((p) => t('schedule.poller', { ...p, label: workLabel(p.name) })),
    t('schedule.timerKinds'),
    ...work.timerKinds.map((k) => {
      const values = { ...k, label: workLabel(k.kind) };
      return k.wait ? t('schedule.timerKindWait', { ...values, wait: k.wait }) : t('schedule.timerKind', values);
    }),
    '',
  ].join('\n');
}
