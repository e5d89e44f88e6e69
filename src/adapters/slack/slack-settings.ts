import { z } from 'zod';
import { optionalText } from '../../config-values.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { platformSettings, type PlatformIdentity } from '../platform-module.ts';

/** What the Slack adapter is configured with (SLACK_*); the adapter's options add limits of its own. */
export interface SlackSettings {
  /** http: Slack calls POST /slack/events on our server; socket: we connect out with the app-level token. */
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  bureauChannelId?: string;
}

/**
 * SLACK_*: Slack is on when any of the token, secret, app token or bureau channel is given; the bot token is then
 * required. The mode's own requirement (the signing secret over HTTP, the app token in Socket Mode) is the adapter's.
 */
export const slackSettings = platformSettings(
  {
    SLACK_BOT_TOKEN: optionalText.pipe(z.string().regex(/^xoxb-/, 'xoxb- で始まるボットトークンです').optional()),
    SLACK_MODE: z.enum(['http', 'socket']).default('http'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_API_URL: optionalText,
    SLACK_BUREAU_CHANNEL: optionalText,
  },
  (c): SlackSettings | undefined => {
    const given = [c.SLACK_BOT_TOKEN, c.SLACK_SIGNING_SECRET, c.SLACK_APP_TOKEN, c.SLACK_BUREAU_CHANNEL].some(Boolean);
    if (!given) return undefined;
    if (!c.SLACK_BOT_TOKEN) {
      throw new AppError(ErrorCode.ConfigInvalid, 'Slack の設定があるのに SLACK_BOT_TOKEN (xoxb-…) がありません');
    }
    return {
      mode: c.SLACK_MODE,
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      appToken: c.SLACK_APP_TOKEN,
      apiUrl: c.SLACK_API_URL,
      bureauChannelId: c.SLACK_BUREAU_CHANNEL,
    };
  },
);

/** Member ids (U…, W… for Enterprise Grid) and channel ids (C… public, G… private). */
export const slackIdentity: PlatformIdentity = {
  user: { pattern: /^[UW][A-Z0-9]{2,}$/, message: () => t('slack.identity.user') },
  channel: { pattern: /^[CG][A-Z0-9]{2,}$/, message: () => t('slack.identity.channel') },
};
