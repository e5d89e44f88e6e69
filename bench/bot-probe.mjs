// `--diagnose` of bench/ack-under-load.bench.ts, preloaded into the bot (NODE_OPTIONS=--import): once a second it
// appends to BOT_PROBE_FILE the longest event-loop delay and the longest time from an HTTP request's arrival at the
// server to its answer, as the bot itself sees them. Diagnostics only; the bot is otherwise untouched.
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BOT_PROBE_FILE;
if (isMainThread && file) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let answerMax = 0;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request') {
      const at = performance.now();
      res.on('finish', () => (answerMax = Math.max(answerMax, performance.now() - at)));
    }
    return emit.apply(this, arguments);
  };
  setInterval(() => {
    appendFileSync(file, `${Math.round(delay.max / 1e6)}/${Math.round(answerMax)}\n`);
    delay.reset();
    answerMax = 0;
  }, 1000).unref();
}
