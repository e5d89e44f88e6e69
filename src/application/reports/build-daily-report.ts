import type { Actor } from '../../domain/access/actor.ts';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { aggregateDaily } from '../../domain/reports/daily-aggregate.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Clock } from '../ports.ts';
import type { TimerSpec } from '../timers/ports.ts';
import type { DailyReportRepository, DailyReportState, DailySource } from './daily-report-ports.ts';
import { dailyReportDocument } from './daily-report-document.ts';
import { dailyReportView, type DailyAmendment, type DailyCorrection, type DailyReportView } from './daily-report-view.ts';
import type { PdfRenderer, ContractorSource } from './ports.ts';
import { reportHeader } from './report-header.ts';

export interface BuildDailyReportDeps {
  source: DailySource;
  reports: DailyReportRepository;
  renderer: PdfRenderer;
  clock: Clock;
  /** The staff file's `contractor:` section: the header of the document. */
  contractor: ContractorSource;
}

export interface BuildDailyReportInput {
  date: string;
  actor: Actor;
  /** 'bot': the end-of-day compile (the supervisors get cards, reminders run); 'cli': `report daily`. */
  source: 'bot' | 'cli';
  /** Orders this compile carried over, and to which work day. */
  carried?: { to: string; orderNos: string[] };
  /** Replaces the corrections kept from the stored draft (修正・追記 appends one). */
  corrections?: DailyCorrection[];
  /** Timers the draft starts (the approval reminder), written with it in one transaction. */
  timers?: (view: DailyReportView) => TimerSpec[];
}

export interface DailyReportResult {
  view: DailyReportView;
  pdf: Uint8Array;
  /** Pages of a PDF rendered now; undefined for the stored PDF of an approved report. */
  pageCount?: number;
  state: DailyReportState;
  /** False when the report was approved already: the stored view and PDF are returned unchanged. */
  rebuilt: boolean;
}

export const DAILY_REPORT_KIND = 'daily';

/**
 * 日報 of one date: rows → figures (daily-aggregate.ts) → view → document → PDF, stored as the draft of Report
 * (kind 'daily', period = date). A draft keeps its supervisor corrections, carried orders and first compile time
 * across rebuilds. An approved or sent report is never rebuilt: it is what the bureau got.
 */
export async function buildDailyReport(deps: BuildDailyReportDeps, input: BuildDailyReportInput): Promise<DailyReportResult> {
  if (!isIsoDate(input.date)) throw new AppError(ErrorCode.InvalidInput, t('reports.cli.badDate', { value: input.date }));
  const existing = await deps.reports.getDaily(input.date);
  if (existing && existing.state !== 'draft' && existing.pdf) return { view: existing.view, pdf: existing.pdf, state: existing.state, rebuilt: false };
  const view = await dailyViewOf(deps, input, existing?.view);
  const rendered = await deps.renderer.render(dailyReportDocument(view));
  const saved = await deps.reports.saveDailyDraft(input.date, view, rendered.bytes, input.actor, { schedule: input.timers?.(view) ?? [] });
  if (!saved) {
    const now = await deps.reports.getDaily(input.date);
    if (now?.pdf) return { view: now.view, pdf: now.pdf, state: now.state, rebuilt: false };
  }
  return { view, pdf: rendered.bytes, pageCount: rendered.pageCount, state: 'draft', rebuilt: true };
}

async function dailyViewOf(deps: BuildDailyReportDeps, input: BuildDailyReportInput, previous: DailyReportView | undefined): Promise<DailyReportView> {
  const now = deps.clock.now();
  const carriedOrderNos = [...new Set([...(previous?.carriedOrderNos ?? []), ...(input.carried?.orderNos ?? [])])];
  const [rows, names] = await Promise.all([deps.source.loadDay(input.date, carriedOrderNos), deps.source.names()]);
  const fromBot = input.source === 'bot' || previous?.source === 'bot';
  return dailyReportView(aggregateDaily(input.date, rows), {
    header: reportHeader(await deps.contractor.contractor()),
    names,
    now,
    source: fromBot ? 'bot' : 'cli',
    remindFrom: previous?.remindFrom ?? (input.source === 'bot' ? now.toISOString() : null),
    carriedTo: input.carried?.to ?? previous?.carriedTo ?? null,
    carriedOrderNos,
    corrections: input.corrections ?? previous?.corrections ?? [],
  });
}

/**
 * An approved report re-issued after a 訂正: the figures read again from the (corrected) results, the approval and
 * the supervisors' corrections kept, the amendments listed (the PDF is marked 訂正).
 */
export async function reissuedView(deps: BuildDailyReportDeps, approved: DailyReportView, amendments: DailyAmendment[]): Promise<DailyReportView> {
  const view = await dailyViewOf(deps, { date: approved.date, actor: { actorId: null, channel: 'system' }, source: approved.source }, approved);
  return { ...view, approval: approved.approval, amendments };
}

/** The report with its approval printed, for the approved PDF. */
export function approvedView(view: DailyReportView, approval: NonNullable<DailyReportView['approval']>): DailyReportView {
  return { ...view, approval };
}
