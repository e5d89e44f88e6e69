// The floor of bench/replies.bench.ts, in a process of its own: a bare Bolt app (Bolt's HTTPReceiver, no storage, no
// processing) that acknowledges each Slack event at once, as Bolt does for the Events API, and then answers it with one
// say() (chat.postMessage) to the same Web API stand-in as the bot, the text naming the event_id so that the bench can
// tell when the answer reached the stand-in. `node --import tsx bench/bolt-floor.ts SECRET API_URL`: prints
// {"port": N} once it listens; stops on SIGTERM. Loopback only.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

const [secret, apiUrl] = process.argv.slice(2);
if (!secret || !apiUrl) {
  console.error('usage: bolt-floor.ts SECRET API_URL');
  process.exit(2);
}

const app = new App({
  signingSecret: secret,
  token: 'xoxb-bench-floor',
  botId: 'B0BOT0001',
  botUserId: 'U0BOT0001',
  clientOptions: { slackApiUrl: apiUrl },
  logLevel: LogLevel.ERROR,
});
app.event('message', async ({ body, say }) => {
  await say(`floor ${body.event_id}`); // the bench reads the event_id back from the text
});
const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
server.keepAliveTimeout = 65_000; // as the bot's HttpServer does, so neither side meets the keep-alive close race
console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
process.once('SIGTERM', () => void app.stop().finally(() => process.exit(0)));
