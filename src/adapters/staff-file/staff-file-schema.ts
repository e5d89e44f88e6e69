import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { MAX_ACK_TIMEOUT_MINUTES } from '../../domain/staffing/contact-chart.ts';
import type { Platform } from '../../application/chat/view.ts';
import { t, templateText } from '../../templates.ts';
import type { IdFormat, PlatformIdentity } from '../platform-module.ts';
import { contractorSchema } from './contractor-schema.ts';
import { workPlacesSchema } from './work-places-schema.ts';
import { suppliesSchema } from './supplies-schema.ts';
import { photoFile } from './photo-schema.ts';

/**
 * The staff file (YAML): people, default staffing, after-hours roster, contact charts, channels.
 * Unknown keys are refused (a misspelt key would otherwise be ignored silently).
 * Messages come from templates/staff.ja.yaml; generic ones from japanese-zod-errors.ts; a chat id's from its platform.
 */
const msg = (key: string) => ({ error: () => templateText(`staff.file.${key}`) });

const personId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, msg('id'))
  .refine((id) => id !== 'supervisor', msg('reservedId'));
const text = z.string().trim().min(1, msg('text')).max(100, msg('text'));
const isoDate = z.string().refine(isIsoDate, msg('date'));
const phone = z.string().refine(isPhoneNumber, msg('phone'));
const timeout = { error: () => t('staff.issue.timeoutNotPositive', { max: MAX_ACK_TIMEOUT_MINUTES }) };
// Full-width or half-width katakana (the bureau's system writes ｶﾅ), spaces allowed.
const kana = z.string().regex(/^[\u30A1-\u30FC\u30FB\u3000\uFF65-\uFF9F ]+$/, msg('kana'));

/** Japanese numbers: 0 then 9 or 10 more digits, hyphens allowed between groups. */
export function isPhoneNumber(value: string): boolean {
  if (!/^0\d{1,4}(-?\d{1,4}){1,2}$/.test(value)) return false;
  const digits = value.replace(/-/g, '').length;
  return digits === 10 || digits === 11;
}

/** The chat platforms of the registry (src/assembly/platforms/registry.ts), each with the format of its ids. */
export type StaffFilePlatforms = readonly { id: Platform; identity: PlatformIdentity }[];

const idOf = (format: IdFormat) => z.string().regex(format.pattern, { error: format.message }).optional();

/** `{ <platform id>: <id on it> }` for every platform that has that kind of id, in registry order. */
function idsOn(platforms: StaffFilePlatforms, kind: keyof PlatformIdentity) {
  return z.strictObject(
    Object.fromEntries(
      platforms.flatMap((p) => {
        const format = p.identity[kind];
        return format ? [[p.id, idOf(format)] as const] : [];
      }),
    ),
  );
}

const personOn = (platforms: StaffFilePlatforms) => z.strictObject({
  id: personId,
  affiliation: z.enum(['contractor', 'bureau']),
  name: text,
  nameKana: kana.nullish(),
  phone: phone.nullish(),
  title: text.nullish(),
  canSupervise: z.boolean().default(false),
  isAdmin: z.boolean().default(false),
  isSecurityOfficer: z.boolean().default(false),
  idCard: z.strictObject({ number: text, expiresOn: isoDate, returnedOn: isoDate.nullish() }).nullish(),
  chat: idsOn(platforms, 'user').default({}),
  active: z.boolean().default(true),
  from: isoDate.nullish(),
  until: isoDate.nullish(),
  osUser: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$/, msg('osUser')).nullish(),
  photo: photoFile.nullish(),
});

const chartLevel = z.strictObject({
  target: z.string().regex(/^(supervisor|[a-z][a-z0-9_-]{0,31})$/, msg('chartTarget')),
  ackTimeoutMinutes: z.number().int(timeout).positive(timeout).max(MAX_ACK_TIMEOUT_MINUTES, timeout),
});

const rosterRange = z.strictObject({
  validFrom: isoDate.nullish(),
  validTo: isoDate.nullish(),
  people: z.array(personId).min(1),
});

/** The staff file's schema, its chat ids checked by each platform's format (passed in: the registry is the assembly's). */
export const staffFileSchemaFor = (platforms: StaffFilePlatforms) => z.strictObject({
  people: z.array(personOn(platforms)).min(1),
  defaultStaffing: z
    .strictObject({ workers: z.array(personId).default([]), supervisors: z.array(personId).default([]) })
    .default({ workers: [], supervisors: [] }),
  afterHoursRoster: z.array(rosterRange).default([]),
  contactCharts: z.strictObject({ doubt: z.array(chartLevel).min(1), incident: z.array(chartLevel).min(1) }),
  channels: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, msg('channelKey')), idsOn(platforms, 'channel')).default({}),
  contractor: contractorSchema.nullish(),
  workPlaces: workPlacesSchema,
  supplies: suppliesSchema.nullish(),
});

export type StaffFile = z.infer<ReturnType<typeof staffFileSchemaFor>>;
