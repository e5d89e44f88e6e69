import { z } from 'zod';
import { optionalText } from '../../config-values.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { platformSettings, type PlatformIdentity } from '../platform-module.ts';

/** What the Teams adapter needs from the configuration (TEAMS_*: read by src/config.ts with `teamsSettings`). */
export interface TeamsSettings {
  /** Microsoft App ID of the Azure Bot registration (TEAMS_APP_ID). Required: an empty id turns authentication off. */
  appId: string;
  /** Client secret of that app registration (TEAMS_APP_PASSWORD). */
  appPassword: string;
  /** SingleTenant (the default for new bots) or MultiTenant (TEAMS_APP_TYPE). */
  appType: 'SingleTenant' | 'MultiTenant';
  /** Directory (tenant) id; required for SingleTenant (TEAMS_TENANT_ID). */
  tenantId?: string;
  /** Teams channel id (19:…@thread.tacv2) of the bureau channel; unset = the last channel the bot was used in. */
  bureauChannelId?: string;
}

/** Refuses settings that would start an unauthenticated or unusable bot. Messages name the variables. */
export function assertTeamsSettings(s: TeamsSettings): void {
  const missing: string[] = [];
  if (!s.appId?.trim()) missing.push('TEAMS_APP_ID');
  if (!s.appPassword?.trim()) missing.push('TEAMS_APP_PASSWORD');
  if (s.appType === 'SingleTenant' && !s.tenantId?.trim()) missing.push('TEAMS_TENANT_ID');
  if (missing.length > 0) {
    const names = missing.join(', ');
    throw new AppError(ErrorCode.ConfigInvalid, t(missing.includes('TEAMS_APP_ID') ? 'teams.settings.missingAppId' : 'teams.settings.missing', { names }));
  }
}

const guid = (message: () => string) => optionalText.pipe(z.string().regex(z.regexes.guid, { error: message }).optional());

/**
 * TEAMS_*: Teams is on when any of the app id, password, tenant or bureau channel is given. What is missing then is
 * refused here (assertTeamsSettings, naming the variables), before the bot opens or creates a database; the adapter
 * checks again when it is built.
 */
export const teamsSettings = platformSettings(
  {
    TEAMS_APP_ID: guid(() => t('teams.settings.appId')),
    TEAMS_APP_PASSWORD: optionalText,
    TEAMS_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant'], { error: () => t('teams.settings.appType') }).default('SingleTenant'),
    TEAMS_TENANT_ID: guid(() => t('teams.settings.tenantId')),
    TEAMS_BUREAU_CHANNEL_ID: optionalText,
  },
  (c): TeamsSettings | undefined => {
    const given = [c.TEAMS_APP_ID, c.TEAMS_APP_PASSWORD, c.TEAMS_TENANT_ID, c.TEAMS_BUREAU_CHANNEL_ID].some(Boolean);
    if (!given) return undefined;
    const settings: TeamsSettings = {
      appId: c.TEAMS_APP_ID ?? '',
      appPassword: c.TEAMS_APP_PASSWORD ?? '',
      appType: c.TEAMS_APP_TYPE,
      tenantId: c.TEAMS_TENANT_ID,
      bureauChannelId: c.TEAMS_BUREAU_CHANNEL_ID,
    };
    assertTeamsSettings(settings);
    return settings;
  },
);

/** A person's id on Teams: the Microsoft Entra ID object id (a UUID). The bureau channel is TEAMS_BUREAU_CHANNEL_ID. */
export const teamsIdentity: PlatformIdentity = {
  user: { pattern: z.regexes.guid, message: () => t('teams.identity.user') },
};
