import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { remindIdCards } from '../../../src/application/staffing/id-card-reminder.ts';
import { staffDepsOf } from '../../../src/assembly/services/staff.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';

/** The example team (loaded on start): w01 is the admin, w05's card (KS-2024-005) expires on 2026-04-15. */
let t: BotTestContext;
let bot: Bot;
beforeEach(async () => {
  t = await botTestContext('2026-03-27', '08:00');
  bot = await startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, platforms: { forceConsole: true }, instanceId: 'bot' });
});
afterEach(async () => {
  await bot?.stop();
  await t?.dispose();
});

const inboxOf = (who: string) => bot.console!.session.inbox(who).map((m) => m.text).join('\n');

describe('ID card reminder (spec 9(4)) at 09:00', () => {
  it('tells the admin in chat which card expires within 30 days, and nobody else', async () => {
    await bot.tick(tokyoInstant('2026-03-27', '08:59'));
    expect(inboxOf('w01')).not.toContain('身分証明書の確認');
    const outcomes = await bot.tick(tokyoInstant('2026-03-27', '09:00'));
    expect(outcomes).toContainEqual({ job: 'id-card-reminder', date: '2026-03-27', result: 'ran' });
    const admin = inboxOf('w01');
    expect(admin).toContain('身分証明書の確認 (2026-03-27)');
    expect(admin).toContain('w05');
    expect(admin).toContain('KS-2024-005');
    expect(admin).toContain('あと 19 日');
    expect(admin).not.toContain('KS-2025-002');
    expect(inboxOf('w05')).not.toContain('身分証明書の確認');
    expect(inboxOf('c01')).not.toContain('身分証明書の確認');
  });

  it('asks for the card of a deactivated person back, updating the day message in place', async () => {
    await bot.tick(tokyoInstant('2026-03-27', '09:00'));
    await t.ctx.db.write((tx) => tx.person.update({ where: { id: 'w06' }, data: { active: false } }));
    const deps = { staff: staffDepsOf(t.ctx).staff, gateway: bot.gateway, logger: t.ctx.logger };
    expect(await remindIdCards(deps, '2026-03-27')).toBe(2);
    const refs = await t.ctx.db.read.outboundMessage.findMany({ where: { logicalKey: { startsWith: 'idcards:2026-03-27' } } });
    expect(refs.map((r) => r.logicalKey)).toEqual(['idcards:2026-03-27@user:w01']);
    expect(inboxOf('w01')).toContain('w06');
    expect(inboxOf('w01')).toContain('KS-2025-006');
    expect(inboxOf('w01')).toContain('返却してください');
  });

  it('says nothing once every card is returned or far from expiry', async () => {
    await t.ctx.db.write((tx) => tx.person.update({ where: { id: 'w05' }, data: { idCardExpiresOn: '2028-03-31' } }));
    await bot.tick(tokyoInstant('2026-03-27', '09:00'));
    expect(inboxOf('w01')).not.toContain('身分証明書の確認');
  });
});
