import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const quiet = { KAIHEISEN_LOG_LEVEL: 'silent' };

describe('loadConfig: each platform module\'s settings', () => {
  it('leaves every platform off when none of its variables is given', () => {
    expect(loadConfig(quiet).platforms).toEqual({});
  });

  it('reads Slack from SLACK_* and Teams from TEAMS_*, each under its platform id', () => {
    const config = loadConfig({
      ...quiet,
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_BUREAU_CHANNEL: 'C0BUREAU',
      TEAMS_APP_ID: 'app',
      TEAMS_APP_PASSWORD: 'p',
      TEAMS_TENANT_ID: 't',
    });
    expect(config.platforms).toEqual({
      slack: { mode: 'http', botToken: 'xoxb-1', signingSecret: 's', appToken: undefined, apiUrl: undefined, bureauChannelId: 'C0BUREAU' },
      teams: { appId: 'app', appPassword: 'p', appType: 'SingleTenant', tenantId: 't', bureauChannelId: undefined },
    });
  });

  it('reports an invalid platform variable with the other invalid ones, naming each', () => {
    const bad = () => loadConfig({ ...quiet, PORT: 'x', SLACK_BOT_TOKEN: 'xoxp-1', TEAMS_APP_TYPE: 'Other' });
    expect(bad).toThrow(/^設定が正しくありません:\nPORT: .+\nSLACK_BOT_TOKEN: xoxb- で始まるボットトークンです\nTEAMS_APP_TYPE: /);
  });

  it('refuses Slack settings without the bot token, naming it', () => {
    expect(() => loadConfig({ ...quiet, SLACK_SIGNING_SECRET: 's' })).toThrow('Slack の設定があるのに SLACK_BOT_TOKEN (xoxb-…) がありません');
  });

  it('takes blank variables as not given', () => {
    expect(loadConfig({ ...quiet, SLACK_BOT_TOKEN: ' ', TEAMS_APP_ID: '' }).platforms).toEqual({});
  });
});
