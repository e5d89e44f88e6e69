/** Wall-clock arithmetic in Asia/Tokyo (UTC+9 all year, no DST), without any time-zone library. */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** YYYY-MM-DD of the Tokyo calendar day that contains the instant. */
export function tokyoDate(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since Tokyo midnight of the instant. */
export function tokyoMinutes(at: Date): number {
  const shifted = new Date(at.getTime() + JST_OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/** The instant of a Tokyo wall-clock time on a Tokyo date. */
export function tokyoInstant(date: string, hhmm = '00:00'): Date {
  assertDate(date);
  const [h, m] = parseHhmm(hhmm);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, m) - JST_OFFSET_MS);
}

export function parseHhmm(hhmm: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`not a HH:MM time: ${hhmm}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) throw new RangeError(`not a HH:MM time: ${hhmm}`);
  return [h, min];
}

export function minutesOf(hhmm: string): number {
  const [h, m] = parseHhmm(hhmm);
  return h * 60 + m;
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is false). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function assertDate(text: string): void {
  if (!isIsoDate(text)) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
}

export function addDays(date: string, days: number): string {
  assertDate(date);
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  assertDate(date);
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** HH:MM of an instant in Asia/Tokyo. */
export function tokyoHhmm(at: Date): string {
  const minutes = tokyoMinutes(at);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** YYYY-MM-DD HH:MM:SS in Asia/Tokyo (no daylight saving: UTC+9 all year), as audit listings show instants. */
export function tokyoTimestamp(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
