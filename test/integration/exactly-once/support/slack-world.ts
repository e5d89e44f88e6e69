import { createInboxStore } from '../../../../src/adapters/db/inbox-store.ts';
import type { InboundEnvelope, InboundFile } from '../../../../src/application/chat/ports.ts';
import { ALL_PLATFORMS_ENV, SLACK_SECRET, startAssembledBot, type AssembledBot } from '../../../support/assembled-bot.ts';
import { formBody, messageImEvent, postSigned, viewSubmissionPayload } from '../../../support/slack-requests.ts';
import { SlackStandIn, type HeldMessage } from './slack-stand-in.ts';

export const DATE = '2026-03-27';

/**
 * The bot as `kaiheisen start` assembles it (Slack over HTTP + Teams + the complaint webhook, examples of DATE on a
 * temp SQLite, a virtual clock at 10:00), its Slack Web API served by a stand-in on loopback. A person writes as
 * Slack sends it (signed message.im events to /slack/events).
 */
export class SlackWorld {
  private n = 0;
  public assembled: AssembledBot;
  private constructor(
    private readonly first: AssembledBot,
    readonly slack: SlackStandIn,
  ) {
    this.assembled = first;
  }

  static async start(time = '10:00'): Promise<SlackWorld> {
    const slack = new SlackStandIn();
    const apiUrl = await slack.listen();
    const assembled = await startAssembledBot({ env: { ...ALL_PLATFORMS_ENV, SLACK_API_URL: apiUrl }, at: { date: DATE, time }, date: DATE });
    return new SlackWorld(assembled, slack);
  }

  get db() {
    return this.assembled.ctx.db;
  }

  /** A DM to the bot (with files: a file_share), as Slack delivers it; resolves once the bot acknowledged it (stored). */
  async say(slackUser: string, text: string, files?: { id: string; name: string; mimetype: string }[]): Promise<string> {
    const eventId = `Ev${String(++this.n).padStart(6, '0')}`;
    const body = JSON.stringify(messageImEvent({ eventId, user: slackUser, text, ts: `1774570000.${String(this.n).padStart(6, '0')}`, ...(files ? { files } : {}) }));
    const res = await postSigned(`${this.assembled.base}/slack/events`, body, { secret: SLACK_SECRET });
    if (res.status !== 200) throw new Error(`slack event not acknowledged: ${res.status}`);
    return eventId;
  }

  /**
   * A modal submitted, as Slack sends view_submission (text inputs and selects); waits until it is worked through. Returns
   * the event key the bot stores it under (view id + digest of the values).
   */
  async submit(slackUser: string, formId: string, state: string, fields: Record<string, string>, selects: Record<string, string> = {}): Promise<string> {
    const viewId = `V0SUBMIT${String(++this.n).padStart(4, '0')}`;
    const values = Object.fromEntries([
      ...Object.entries(fields).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]),
      ...Object.entries(selects).map(([id, value]) => [id, { [id]: { type: 'static_select', selected_option: { value } } }]),
    ]);
    const body = formBody(viewSubmissionPayload({ user: slackUser, callbackId: formId, metadata: state, values, viewId }));
    const res = await postSigned(`${this.assembled.base}/slack/events`, body, { secret: SLACK_SECRET, contentType: 'application/x-www-form-urlencoded' });
    if (res.status !== 200) throw new Error(`view_submission not acknowledged: ${res.status}`);
    await this.settle();
    const stored = await this.db.read.inboundEvent.findFirstOrThrow({ where: { eventKey: { startsWith: `view:${viewId}:` } } });
    return stored.eventKey;
  }

  /** Says it and waits until the bot has worked through everything it received. */
  async sayAndSettle(slackUser: string, text: string, files?: { id: string; name: string; mimetype: string }[]): Promise<string> {
    const eventId = await this.say(slackUser, text, files);
    await this.settle();
    return eventId;
  }

  /** Until the bot has worked through every event stored so far (those stored by `storeOnly` included). */
  async settle(): Promise<void> {
    const { inbox } = this.assembled.bot;
    await inbox.poll(this.assembled.ctx.clock.now());
    await inbox.drain();
  }

  /** What Slack holds in the person's DM with the bot (conversations.open gives D + user id). */
  dm(slackUser: string): HeldMessage[] {
    return this.slack.messagesIn(`D${slackUser}`);
  }

  lastDm(slackUser: string): string {
    return this.dm(slackUser).at(-1)?.text ?? '';
  }

  /**
   * Stores an event as the inbox does on receipt, without starting its work: several events stored before the
   * first is processed (a person writing on while the bot is busy or down). `settle` or a restart processes them.
   */
  async storeOnly(slackUser: string, text: string, files?: InboundFile[]): Promise<number> {
    const eventKey = `Ev${String(++this.n).padStart(6, '0')}`;
    const envelope: InboundEnvelope = {
      platform: 'slack',
      eventKey,
      userRef: slackUser,
      conversationRef: `D0${slackUser}`,
      inChannel: false,
      receivedAt: this.assembled.ctx.clock.now(),
      payload: { type: 'text', text, ...(files ? { files } : {}) },
    };
    return (await createInboxStore(this.db).store(envelope)).id;
  }

  /**
   * The crash this test is about: the event was processed (its effects committed, its answers sent) and the process
   * died before marking it done. The row goes back to what the inbox finds after such a crash.
   */
  async unfinish(eventKey: string): Promise<void> {
    await this.db.write((tx) =>
      tx.inboundEvent.update({ where: { platform_eventKey: { platform: 'slack', eventKey } }, data: { state: 'received', processedAt: null, claimedBy: null, leaseUntil: null } }),
    );
  }

  /**
   * The other crash: the event's effects were committed, then the process died before anything was sent for it
   * (no delivery stored, nothing posted). Its deliveries go, and the last `posted` messages of the DM with them.
   */
  async unsend(eventKey: string, slackUser: string, posted: number): Promise<void> {
    const { id } = await this.db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: { platform: 'slack', eventKey } } });
    const cause = `event:${id}`;
    await this.db.write((tx) => tx.delivery.deleteMany({ where: { OR: [{ dedupeKey: { startsWith: `${cause}#` } }, { dedupeKey: { startsWith: `${cause}|` } }] } }));
    this.slack.dropLast(`D${slackUser}`, posted);
  }

  async stop(): Promise<void> {
    await this.assembled.stop();
  }

  /** The same database through the same assembly (a new process after the crash); processes what was left. */
  async restart(): Promise<void> {
    this.assembled = await this.assembled.restart();
    await this.settle();
  }

  async dispose(): Promise<void> {
    await this.assembled.stop();
    await this.first.dispose();
    await this.slack.close();
  }
}
