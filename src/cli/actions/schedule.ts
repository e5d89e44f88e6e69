import type { CliDeps } from '../index.ts';
import { t } from '../../templates.ts';
import { workLabel } from '../../application/work-labels.ts';
import { assembleFeatures, INBOX_POLLER } from '../../assembly/assemble-bot.ts';
import { openSendingChat } from '../../assembly/chat/sending-chat.ts';
import { DELIVERY_POLLER } from '../../assembly/chat/outbox.ts';
import { describeScheduledWork, type ScheduledWorkDescription } from '../../assembly/scheduled-work.ts';
import { HEARTBEAT_POLLER } from '../../assembly/services/health.ts';

export async function schedule(deps: CliDeps, opts: { json?: boolean }): Promise<void> {
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
