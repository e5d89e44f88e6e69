import type { AppContext } from '../main.ts';
import type { DailyJob } from '../adapters/scheduler/daily-jobs.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import { remindIdCards } from '../application/staffing/id-card-reminder.ts';
import { staffDepsOf } from './wiring.ts';

export const ID_CARD_JOB = 'id-card-reminder';
export const ID_CARD_REMINDER_AT = '09:00';

/** 身分証明書 (spec 9(4)): each work day at 09:00 (or on a later start that day) the admins hear which cards to act on. */
export function idCardReminderJob(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>, at = ID_CARD_REMINDER_AT): DailyJob {
  const calendar = ctx.calendar;
  const deps = { staff: staffDepsOf(ctx).staff, gateway, logger: ctx.logger };
  return {
    name: ID_CARD_JOB,
    at,
    catchUpUntil: calendar.businessEnd,
    runsOn: (date) => calendar.isWorkDay(date),
    run: async (date) => {
      await remindIdCards(deps, date);
    },
  };
}
