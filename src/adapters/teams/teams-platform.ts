import { AppError, ErrorCode } from '../../errors.ts';
import { createConversationStore } from '../db/conversation-store.ts';
import type { PlatformModule } from '../platform-module.ts';
import { teamsIdentity, teamsSettings, type TeamsSettings } from './teams-settings.ts';

/**
 * Microsoft Teams (TEAMS_*, src/adapters/teams/teams-settings.ts): receives on POST /api/messages; sends proactively
 * from stored conversation references. The adapter (and the Bot Framework SDK) is loaded when it is built: src/config.ts
 * reads this module's settings without loading the SDK.
 */
export const teamsPlatform = {
  id: 'teams',
  settings: teamsSettings,
  identity: teamsIdentity,
  receivesOverHttp: () => true,
  build: async ({ settings, db, http, logger, clock, sleep }) => {
    if (!settings) throw new AppError(ErrorCode.ConfigInvalid, 'Teams が設定されていません (TEAMS_APP_ID)');
    if (!http) throw new AppError(ErrorCode.ConfigInvalid, 'Teams の受信には HTTP サーバー (PORT) が必要です');
    const { TeamsAdapter } = await import('./teams-adapter.ts');
    return new TeamsAdapter({ settings, store: createConversationStore(db, clock), clock, logger, sleep, http });
  },
} satisfies PlatformModule<TeamsSettings>;
