import { remindIdCards } from '../../application/staffing/id-card-reminder.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import type { FeatureFactory } from '../feature.ts';

const ID_CARD_JOB = 'id-card-reminder';
const ID_CARD_REMINDER_AT = '09:00';

/** 身分証明書 (spec 9(4)): each work day at 09:00 (or on a later start that day) the admins hear which cards to act on. */
export const idCardsFeature: FeatureFactory = ({ ctx, chat }) => {
  const calendar = ctx.calendar;
  const deps = { staff: staffDepsOf(ctx).staff, gateway: chat.gateway, logger: ctx.logger };
  return {
    name: 'id-cards',
    dailyJobs: [
      {
        name: ID_CARD_JOB,
        at: ID_CARD_REMINDER_AT,
        catchUpUntil: calendar.businessEnd,
        runsOn: (date) => calendar.isWorkDay(date),
        run: async (date) => void (await remindIdCards(deps, date)),
      },
    ],
  };
};
