import type { ReportDocument } from '../../domain/reports/report-document.ts';

/** A job for the PDF worker thread (pdf-worker-pool.ts → pdf-render-worker.ts), and its answer. */
export interface RenderRequest {
  id: number;
  doc: ReportDocument;
}

export type RenderReply = { id: number; bytes: Uint8Array; pageCount: number } | { id: number; error: { name: string; message: string } };
