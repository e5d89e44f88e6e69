import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderReportPdf } from './pdf-renderer.ts';
import type { RenderReply, RenderRequest } from './pdf-worker-messages.ts';

// On Linux the nice value belongs to the thread: rendering yields the CPU to the bot's event loop (acks) when both
// want it. Elsewhere it would lower the whole process, so it is left as it is.
if (process.platform === 'linux') setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL);

const port = parentPort;
if (!port) throw new Error('pdf-render-worker.ts runs in a worker thread');

port.on('message', (request: RenderRequest) => {
  renderReportPdf(request.doc).then(
    ({ bytes, pageCount }) => port.postMessage({ id: request.id, bytes, pageCount } satisfies RenderReply, [bytes.buffer as ArrayBuffer]),
    (e: unknown) => {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      port.postMessage({ id: request.id, error } satisfies RenderReply);
    },
  );
});
