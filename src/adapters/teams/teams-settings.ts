import { AppError, ErrorCode } from '../../errors.ts';

/** What the Teams adapter needs from the configuration (read by src/config.ts, passed in by the composition root). */
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
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `Teams を使うには ${missing.join(', ')} を設定してください (TEAMS_APP_ID が空だと受信要求の認証が無効になるため起動しません)`,
    );
  }
}
