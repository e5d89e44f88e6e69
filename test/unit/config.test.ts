import { describe, expect, it } from 'vitest';
import { APP_ID, TENANT_ID } from '../support/teams-fixtures.ts';
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
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'p',
      TEAMS_TENANT_ID: TENANT_ID,
    });
    expect(config.platforms).toEqual({
      slack: { mode: 'http', botToken: 'xoxb-1', signingSecret: 's', appToken: undefined, apiUrl: undefined, bureauChannelId: 'C0BUREAU' },
      teams: { appId: APP_ID, appPassword: 'p', appType: 'SingleTenant', tenantId: TENANT_ID, bureauChannelId: undefined },
    });
  });

  it('reports an invalid platform variable with the other invalid ones, naming each', () => {
    const bad = () => loadConfig({ ...quiet, PORT: 'x', SLACK_BOT_TOKEN: 'xoxp-1', TEAMS_APP_TYPE: 'Other' });
    expect(bad).toThrow(/^設定が正しくありません:\nPORT: .+\nSLACK_BOT_TOKEN: xoxb- で始まるボットトークンです\nTEAMS_APP_TYPE: /);
  });

  it('refuses Slack settings without the bot token, naming it', () => {
    expect(() => loadConfig({ ...quiet, SLACK_SIGNING_SECRET: 's' })).toThrow('Slack の設定があるのに SLACK_BOT_TOKEN (xoxb-…) がありません');
  });

  it('refuses what a platform would fail on later, before anything is opened or created', () => {
    const slack = { ...quiet, SLACK_BOT_TOKEN: 'xoxb-1' };
    expect(() => loadConfig(slack)).toThrow('HTTP モードには SLACK_SIGNING_SECRET が必要です');
    expect(() => loadConfig({ ...slack, SLACK_MODE: 'socket' })).toThrow('Socket Mode には SLACK_APP_TOKEN (xapp-…) が必要です');
    expect(() => loadConfig({ ...slack, SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xoxb-2' })).toThrow('SLACK_APP_TOKEN: xapp- で始まるアプリレベルトークンです');
    expect(() => loadConfig({ ...slack, SLACK_SIGNING_SECRET: 's', SLACK_BUREAU_CHANNEL: 'general' })).toThrow(/SLACK_BUREAU_CHANNEL: Slack のチャネルID/);
    expect(() => loadConfig({ ...slack, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'notaurl' })).toThrow(/SLACK_API_URL: http:\/\/ または https:\/\//);
    const teams = { ...quiet, TEAMS_APP_ID: APP_ID, TEAMS_TENANT_ID: TENANT_ID };
    expect(() => loadConfig(teams)).toThrow(/^Teams を使うには TEAMS_APP_PASSWORD を設定してください$/);
    expect(() => loadConfig({ ...teams, TEAMS_APP_ID: undefined })).toThrow('TEAMS_APP_ID が空だと受信要求の認証が無効になる');
    expect(() => loadConfig({ ...teams, TEAMS_APP_PASSWORD: 'p', TEAMS_APP_ID: 'not-a-guid' })).toThrow(/TEAMS_APP_ID: Azure Bot のアプリ ID \(GUID 形式/);
  });

  it('says in Japanese what is wrong with any value, the checks of numbers and options included', () => {
    const bad = () => loadConfig({ ...quiet, PORT: '99999', SLACK_MODE: 'websocket', KAIHEISEN_LOG_LEVEL: 'loud' });
    expect(bad).toThrow(/PORT: 大きすぎる値/);
    expect(bad).toThrow(/SLACK_MODE: http か socket を指定してください/);
    expect(bad).not.toThrow(/Invalid|expected|Too big/);
  });

  it('takes blank variables as not given', () => {
    expect(loadConfig({ ...quiet, SLACK_BOT_TOKEN: ' ', TEAMS_APP_ID: '' }).platforms).toEqual({});
  });
});

describe('loadConfig: DATABASE_URL', () => {
  it('takes an SQLite file (the default) or a PostgreSQL URL of either scheme', () => {
    expect(loadConfig(quiet).databaseUrl).toBe('file:./data/kaiheisen.db');
    for (const url of ['file:/var/lib/kaiheisen/kaiheisen.db', 'postgres://kaiheisen:pw@db.example:5432/kaiheisen', 'postgresql://kaiheisen@127.0.0.1/kaiheisen?sslmode=require']) {
      expect(loadConfig({ ...quiet, DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it('refuses anything else in Japanese, never repeating the password', () => {
    const message = (url: string) => {
      try {
        loadConfig({ ...quiet, DATABASE_URL: url });
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`accepted ${url}`);
    };
    expect(message('mysql://root:s3cret@db/kaiheisen')).toMatch(/^設定が正しくありません:\nDATABASE_URL: file:パス \(SQLite\) か postgres:\/\/… \(PostgreSQL\) で指定してください/);
    expect(message('postgres://kaiheisen:s3cret@db.example')).toMatch(/DATABASE_URL: PostgreSQL のデータベース名がありません/);
    expect(message('postgres://kaiheisen:s3c@ret@db:99999/kaiheisen')).toMatch(/DATABASE_URL: postgres:\/\/ユーザー:パスワード@ホスト/);
    expect(message(':memory:')).toMatch(/メモリ上のデータベースは使えません/);
    for (const url of ['mysql://root:s3cret@db/kaiheisen', 'postgres://kaiheisen:s3cret@db.example', 'postgres://kaiheisen:s3c@ret@db:99999/kaiheisen']) {
      expect(message(url)).not.toMatch(/s3c/);
    }
  });
});
