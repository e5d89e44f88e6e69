import { AppError, ErrorCode } from '../../errors.ts';
import { createConversationStore } from '../db/conversation-store.ts';
import type { PlatformModule } from '../platform-module.ts';
import { TeamsAdapter } from './teams-adapter.ts';

/** Microsoft Teams (TEAMS_*): receives on POST /api/messages; sends proactively from stored conversation references. */
export const teamsPlatform: PlatformModule = {
  id: 'teams',
  configured: (config) => config.teams !== undefined,
  receivesOverHttp: () => true,
  build: async ({ config, db, http, logger, clock, sleep }) => {
    if (!config.teams) throw new AppError(ErrorCode.ConfigInvalid, 'Teams が設定されていません (TEAMS_APP_ID)');
    if (!http) throw new AppError(ErrorCode.ConfigInvalid, 'Teams の受信には HTTP サーバー (PORT) が必要です');
    return new TeamsAdapter({ settings: config.teams, store: createConversationStore(db, clock), clock, logger, sleep, http });
  },
};
