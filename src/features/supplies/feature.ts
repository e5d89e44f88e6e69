import { checkLowStock } from '../../application/consumables/low-stock-warning.ts';
import { receiveSupply, showStock } from '../../application/consumables/receive-supply.ts';
import { actorOf, respondOnce } from '../../application/cases/route-helpers.ts';
import { suppliesDepsOf } from '../../assembly/services/supplies.ts';
import type { FeatureFactory } from '../feature.ts';

const EVERY_MINUTE = 60_000;

/**
 * What the bureau supplies (spec 6(2)): 支給 typed by the day's supervisor or an admin, 在庫 for anyone, and the
 * low-stock check every minute: results, corrections (other features, other processes) and supplies all change the
 * stock, and the check warns once per fall below a threshold (low-stock-warning.ts).
 */
export const suppliesFeature: FeatureFactory = ({ ctx, chat }) => {
  const deps = suppliesDepsOf(ctx, chat.gateway);
  return {
    name: 'supplies',
    routes: [
      {
        name: 'supplies',
        intents: {
          supply: (turn, { rest }) => respondOnce(turn, () => receiveSupply(deps, actorOf(turn), rest, turn.eventId)),
          stock: (turn) => respondOnce(turn, () => showStock(deps)),
        },
      },
    ],
    pollers: [{ name: 'low-stock', everyMs: EVERY_MINUTE, tick: async () => void (await checkLowStock(deps)) }],
  };
};
