import { Worker } from 'node:worker_threads';
import type { RenderedPdf } from '../../application/reports/ports.ts';
import type { ReportDocument } from '../../domain/reports/report-document.ts';
import type { RenderReply, RenderRequest } from './pdf-worker-messages.ts';

/**
 * PDF rendering off the event loop. Laying out and subsetting a 10,000-order monthly report takes the CPU for
 * 0.3-1.4 s; on the bot's event loop that long no chat event would be acknowledged. One worker thread renders,
 * one document at a time (the others wait in its message queue): started on the first render, it keeps its font
 * subsets while it is busy, does not keep the process alive while idle, and ends after IDLE_MS without work or
 * when the application context closes (closePdfWorkers), so the CLI and the tests exit promptly.
 */
const ENTRY = new URL('./pdf-worker.mjs', import.meta.url);
const IDLE_MS = 30_000;

interface Pending {
  resolve: (pdf: RenderedPdf) => void;
  reject: (e: Error) => void;
}

class PdfWorkerPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  render(doc: ReportDocument): Promise<RenderedPdf> {
    const worker = this.worker ?? this.start();
    clearTimeout(this.idleTimer);
    worker.ref();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, doc } satisfies RenderRequest);
    });
  }

  /** Ends the worker once the renders under way are done. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    if (!worker) return;
    while (this.pending.size > 0 && this.worker === worker) {
      await new Promise<void>((resolve) => {
        const done = () => {
          worker.off('message', done).off('exit', done);
          resolve();
        };
        worker.on('message', done).on('exit', done);
      });
    }
    if (this.worker === worker) this.worker = undefined;
    await worker.terminate();
  }

  private start(): Worker {
    // execArgv: [] — the entry registers tsx itself; a parent's `--import tsx` would register it twice.
    const worker = new Worker(ENTRY, { execArgv: [] });
    worker.on('message', (reply: RenderReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(worker, e));
    worker.on('exit', (code) => this.fail(worker, new Error(`PDF worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: RenderReply): void {
    const job = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (job && 'error' in reply) job.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    else if (job && 'bytes' in reply) job.resolve({ bytes: reply.bytes, pageCount: reply.pageCount });
    if (this.pending.size === 0) this.idle();
  }

  private idle(): void {
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  /** The worker died (a crash, terminate): every render it had fails, the next one starts a new worker. */
  private fail(worker: Worker, e: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const job of this.pending.values()) job.reject(e);
    this.pending.clear();
  }
}

const pool = new PdfWorkerPool();

export const renderInWorker = (doc: ReportDocument): Promise<RenderedPdf> => pool.render(doc);

/** Ends the PDF worker (on stop): renders under way finish first. */
export const closePdfWorkers = (): Promise<void> => pool.close();
