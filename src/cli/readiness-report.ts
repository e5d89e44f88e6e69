import type { CheckName, Readiness, ReadinessCheck } from '../application/health/check-readiness.ts';
import { tokyoDate } from '../domain/calendar/local-time.ts';
import { t, templateText } from '../templates.ts';

const ORDER: CheckName[] = ['database', 'scheduler', 'platforms', 'deliveries', 'parkedEvents'];

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** An instant as Asia/Tokyo "YYYY-MM-DD HH:MM". */
function tokyo(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const at = new Date(iso);
  const hhmm = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${tokyoDate(at)} ${hhmm}`;
}

function database(c: ReadinessCheck): string {
  const free = typeof c.freeDiskMb === 'number' ? t('health.database.freeMb', { mb: c.freeDiskMb }) : t('health.database.freeUnknown');
  const state = typeof c.state === 'string' ? c.state : 'error';
  return templateText(`health.database.${state}`, { free, min: num(c.minFreeDiskMb), detail: c.detail });
}

function scheduler(c: ReadinessCheck): string {
  if (typeof c.lastTickAt !== 'string') return t('health.scheduler.never');
  const params = { at: tokyo(c.lastTickAt), age: num(c.ageSeconds), max: num(c.maxAgeSeconds) };
  return t(c.ok ? 'health.scheduler.ticking' : 'health.scheduler.stale', params);
}

function platforms(c: ReadinessCheck): string {
  if (c.skipped) return t('health.platforms.skipped');
  if (c.ok) return t('health.platforms.ok');
  const down = Object.entries(c).filter(([, v]) => typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false);
  return t('health.platforms.ng', { names: down.map(([name]) => name).join(', ') });
}

function deliveries(c: ReadinessCheck): string {
  const age = c.oldestPendingAgeSeconds;
  const late = typeof age === 'number' && age > num(c.maxAgeMinutes) * 60;
  const oldest = typeof age === 'number' ? t('health.deliveries.oldest', { minutes: Math.floor(age / 60) }) + (late ? t('health.deliveries.late', { max: num(c.maxAgeMinutes) }) : '') : '';
  const over = num(c.failed) > num(c.maxFailed) ? t('health.deliveries.failedOver', { max: num(c.maxFailed) }) : '';
  return t('health.deliveries.line', { pending: num(c.pending), oldest, failed: num(c.failed) }) + over;
}

function parked(c: ReadinessCheck): string {
  const oldest = typeof c.oldestAt === 'string' ? t('health.parkedEvents.oldest', { at: tokyo(c.oldestAt) }) : '';
  return t('health.parkedEvents.line', { count: num(c.count), oldest }) + (c.ok ? '' : t('health.parkedEvents.over'));
}

const RENDER: Record<CheckName, (c: ReadinessCheck) => string> = { database, scheduler, platforms, deliveries, parkedEvents: parked };

/** The readiness checks in Japanese, one line each, failing ones marked. */
export function readinessLines(r: Readiness): string[] {
  const failing = ORDER.filter((name) => !r.checks[name].ok && !r.checks[name].skipped);
  const head = failing.length === 0 ? t('health.ready') : t('health.notReady', { failing: failing.map((n) => t(`health.name.${n}`)).join('、') });
  return [
    head,
    ...ORDER.map((name) => {
      const c = r.checks[name];
      // A check that threw has only its detail.
      const text = c.error === true ? t('health.checkFailed', { detail: c.detail }) : RENDER[name](c);
      return `  ${failing.includes(name) ? t('health.ng') : ''}${t(`health.name.${name}`)}: ${text}`;
    }),
  ];
}
