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

const SLACK_CHANNEL = /^[CG][A-Z0-9]{2,}$/;
const matching = (pattern: RegExp, message: () => string) => optionalText.pipe(z.string().regex(pattern, { error: message }).optional());

/**
 * SLACK_*: Slack is on when any of the token, secret, app token or bureau channel is given; the bot token is then
 * required, and what the mode needs (the signing secret over HTTP, the app token in Socket Mode). Everything is
 * checked here, before the bot opens or creates a database.
 */
export const slackSettings = platformSettings(
  {
    SLACK_BOT_TOKEN: matching(/^xoxb-/, () => t('slack.settings.botToken')),
    SLACK_MODE: z.enum(['http', 'socket'], { error: () => t('slack.settings.mode') }).default('http'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: matching(/^xapp-/, () => t('slack.settings.appToken')),
    SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: () => t('slack.settings.apiUrl') }).optional()),
    SLACK_BUREAU_CHANNEL: matching(SLACK_CHANNEL, () => t('slack.identity.channel')),
  },
  (c): SlackSettings | undefined => {
    const given = [c.SLACK_BOT_TOKEN, c.SLACK_SIGNING_SECRET, c.SLACK_APP_TOKEN, c.SLACK_BUREAU_CHANNEL].some(Boolean);
    if (!given) return undefined;
    if (!c.SLACK_BOT_TOKEN) throw new AppError(ErrorCode.ConfigInvalid, t('slack.settings.botTokenMissing'));
    if (c.SLACK_MODE === 'http' && !c.SLACK_SIGNING_SECRET) throw new AppError(ErrorCode.ConfigInvalid, t('slack.settings.signingSecretMissing'));
    if (c.SLACK_MODE === 'socket' && !c.SLACK_APP_TOKEN) throw new AppError(ErrorCode.ConfigInvalid, t('slack.settings.appTokenMissing'));
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
  channel: { pattern: SLACK_CHANNEL, message: () => t('slack.identity.channel') },
};
