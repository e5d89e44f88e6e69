import { addressKey } from '../../domain/complaints/complaint-command.ts';
import { FieldCipher, isEncrypted } from '../crypto/field-cipher.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { PrismaClient } from './generated/client.ts';

/**
 * Personal data at rest (security annex art. 11, 16): a Prisma client extension encrypts these
 * fields on every model write and decrypts every result, so stores keep reading and writing
 * plaintext while the SQLite file holds only `enc:v1:` values. Transaction clients of the extended
 * client are extended too (Database.write). Not covered, by design:
 *  - raw SQL ($queryRaw/$executeRaw) sees the stored text: a raw writer calls `protectRow`;
 *  - nested writes into these models from another model (none in the code base);
 *  - filters on these fields inside another model's relation filter.
 * customerNumber and a work order's address are searchable by equality through their blind indexes
 * (customerNumberIndex, addressIndex); any other filter or sort on an encrypted field throws instead
 * of silently matching nothing.
 */
export const ENCRYPTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // The address too (annex art. 11, 16): town, mapSheet and the rounded coordinates stay readable for assignment and reports.
  WorkOrder: ['customerNumber', 'customerName', 'customerNameKana', 'phone', 'address'],
  InboundEvent: ['payload'],
  // An outbound message waiting in the outbox (a card may show an address or a customer's name).
  Delivery: ['view'],
  // Free text a worker typed may name a customer; the draft holds it while a text conversation is open.
  PendingReply: ['draft', 'said'],
  TaskResult: ['note', 'phoneContactOutcome', 'notDoneReason', 'readingDifferenceNote'],
  // Every other free text a person types may name a customer or carry a phone number too (issue 11, item 5).
  // Rows written before these were listed stay plaintext and read as they are; `kaiheisen keys rotate` encrypts them.
  HandoverNote: ['text'],
  ParkingFee: ['note'],
  Doubt: ['text', 'answer'],
  Incident: ['description', 'place', 'resolution'],
  Complaint: ['customerNumber', 'address', 'description', 'findings', 'actionTaken'],
  OvertimeRequest: ['reason'],
  AfterHoursOverride: ['note'],
  // The photo of an ID card request (base64).
  PersonPhoto: ['data'],
};

/** field → its blind-index column. */
export const BLIND_INDEXES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  WorkOrder: { customerNumber: 'customerNumberIndex', address: 'addressIndex' },
  Complaint: { customerNumber: 'customerNumberIndex' },
};

/** What a blind index is taken of: an address in its compared form, so "広坂1-1-1" finds "金沢市広坂１丁目１番１号". */
const INDEX_FORMS: Readonly<Record<string, (plain: string) => string>> = {
  'WorkOrder.address': addressKey,
};

/** The blind index of one field's value (normalised first where the field compares so). */
export function blindIndexOf(cipher: FieldCipher, model: string, field: string, plain: string): string {
  const form = INDEX_FORMS[`${model}.${field}`];
  return cipher.blindIndex(form ? form(plain) : plain);
}

const INDEX_COLUMNS = new Set(Object.values(BLIND_INDEXES).flatMap((m) => Object.values(m)));
const WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert']);

type Row = Record<string, unknown>;
type Args = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Row =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** A value of an encrypted field as stored (a value already encrypted stays as it is). */
export function encryptValue(cipher: FieldCipher, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return isEncrypted(value) ? value : cipher.encrypt(value);
  if (isPlainObject(value) && 'set' in value) return { set: encryptValue(cipher, value.set) };
  throw new AppError(ErrorCode.Internal, t('security.fields.unsupportedWrite'));
}

function indexValue(cipher: FieldCipher, model: string, field: string, value: unknown): string | null {
  const plain = isPlainObject(value) && 'set' in value ? value.set : value;
  return typeof plain === 'string' ? blindIndexOf(cipher, model, field, plain) : null;
}

/** A copy of one row's data with the model's personal fields encrypted and its blind indexes set. */
export function protectRow(cipher: FieldCipher | undefined, model: string, data: Row): Row {
  if (!cipher) return data;
  const out: Row = { ...data };
  for (const field of ENCRYPTED_FIELDS[model] ?? []) {
    if (!(field in out)) continue;
    const index = BLIND_INDEXES[model]?.[field];
    if (index) out[index] = indexValue(cipher, model, field, out[field]);
    out[field] = encryptValue(cipher, out[field]);
  }
  return out;
}

function protectArgs(cipher: FieldCipher, model: string, operation: string, args: Args): Args {
  const out: Args = { ...args };
  const protect = (data: unknown) => (Array.isArray(data) ? data.map((d: Row) => protectRow(cipher, model, d)) : protectRow(cipher, model, data as Row));
  if (operation === 'upsert') {
    out.create = protect(args.create);
    out.update = protect(args.update);
  } else if (WRITES.has(operation) && args.data !== undefined) {
    out.data = protect(args.data);
  }
  return out;
}

/** customerNumber = x  →  customerNumberIndex = HMAC(x) (address likewise); other filters on encrypted fields throw. */
function translateWhere(cipher: FieldCipher, model: string, where: unknown): unknown {
  if (Array.isArray(where)) return where.map((w) => translateWhere(cipher, model, w));
  if (!isPlainObject(where)) return where;
  const fields = ENCRYPTED_FIELDS[model] ?? [];
  const out: Row = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === 'AND' || key === 'OR' || key === 'NOT') out[key] = translateWhere(cipher, model, value);
    else if (fields.includes(key)) Object.assign(out, translateCondition(cipher, model, key, value));
    else out[key] = value;
  }
  return out;
}

function translateCondition(cipher: FieldCipher, model: string, field: string, value: unknown): Row {
  const index = BLIND_INDEXES[model]?.[field];
  const isNullTest = value === null || (isPlainObject(value) && Object.keys(value).length === 1 && (value.not === null || value.equals === null));
  if (isNullTest) return { [field]: value };
  const hash = (v: string) => blindIndexOf(cipher, model, field, v);
  if (index && typeof value === 'string') return { [index]: hash(value) };
  if (index && isPlainObject(value) && Object.keys(value).length === 1) {
    if (typeof value.equals === 'string') return { [index]: hash(value.equals) };
    if (Array.isArray(value.in)) return { [index]: { in: value.in.map((v: string) => hash(v)) } };
  }
  throw new AppError(ErrorCode.Internal, t('security.fields.unsupportedFilter', { field: `${model}.${field}` }));
}

function checkOrderBy(model: string, orderBy: unknown): void {
  const fields = ENCRYPTED_FIELDS[model] ?? [];
  for (const entry of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if (!isPlainObject(entry)) continue;
    const bad = Object.keys(entry).find((k) => fields.includes(k));
    if (bad) throw new AppError(ErrorCode.Internal, t('security.fields.unsupportedFilter', { field: `${model}.${bad}` }));
  }
}

/** Decrypts every `enc:v1:` string in a result (nested includes too) and hides blind indexes. */
export function revealTree(cipher: FieldCipher, value: unknown): unknown {
  if (typeof value === 'string') return isEncrypted(value) ? cipher.decrypt(value) : value;
  if (Array.isArray(value)) return value.map((v) => revealTree(cipher, v));
  if (!isPlainObject(value)) return value;
  const out: Row = {};
  for (const [key, v] of Object.entries(value)) {
    if (!INDEX_COLUMNS.has(key)) out[key] = revealTree(cipher, v);
  }
  return out;
}

function prepareArgs(cipher: FieldCipher, model: string, operation: string, args: Args | undefined): Args | undefined {
  if (!args || !(model in ENCRYPTED_FIELDS)) return args;
  const out = protectArgs(cipher, model, operation, args);
  if (out.where !== undefined) out.where = translateWhere(cipher, model, out.where);
  if (out.orderBy !== undefined) checkOrderBy(model, out.orderBy);
  return out;
}

/** The extended client, typed as the plain one: the extension changes values, never shapes. */
export function withFieldEncryption(prisma: PrismaClient, cipher: FieldCipher): PrismaClient {
  const extended = prisma.$extends({
    name: 'field-encryption',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const prepared = prepareArgs(cipher, model, operation, args as Args | undefined);
          return revealTree(cipher, await query(prepared as typeof args));
        },
      },
    },
  });
  return extended as unknown as PrismaClient;
}
