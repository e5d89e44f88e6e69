import { AppError, ErrorCode } from '../../errors.ts';
import { ADVANCE_AUDIT_SEQUENCE_SQL, headOf, headSql, headValues, rawPlaceholders, rowInputOf, sealNext, UPSERT_HEAD_SQL, type AuditSealer, type HeadRow } from './audit-chain.ts';
import type { PrismaClient } from './generated/client.ts';
import type { Dialect } from './database.ts';

/**
 * Every AuditLog row written through Prisma is linked into the hash chain and sealed here (audit-chain.ts), so no
 * call site can forget it. The head is read through `base`, the unextended client on the same single connection
 * as the transaction (Database.write): inside a transaction it sees the transaction's own rows, and the write lock
 * taken at its start (lockForWriting) keeps another process from appending in between. Raw inserts (the import)
 * call sealNext themselves (import-sql.ts). Changing or deleting rows through Prisma is refused outright.
 */
type Data = Record<string, unknown>;

/** Each row linked after the one before it (createMany: in the order given). */
async function sealed(base: PrismaClient, sealer: AuditSealer, dialect: Dialect, data: Data[]): Promise<Data[]> {
  if (data.length === 0) return [];
  const [row] = await base.$queryRawUnsafe<HeadRow[]>(headSql(dialect));
  let head = headOf(row!, sealer);
  return data.map((d) => {
    const next = sealNext(sealer, head, rowInputOf(d, () => new Date()));
    head = { nextId: next.id + 1, hash: next.hash };
    return { ...next };
  });
}

/** The sealed AuditChainHead after the last row written. */
async function recordHead(base: PrismaClient, sealer: AuditSealer, dialect: Dialect, rows: Data[]): Promise<void> {
  const last = rows.at(-1);
  if (!last) return;
  await base.$executeRawUnsafe(rawPlaceholders(UPSERT_HEAD_SQL, dialect), ...headValues(sealer, last.id as number, last.hash as string));
  if (dialect === 'postgres') await base.$queryRawUnsafe(rawPlaceholders(ADVANCE_AUDIT_SEQUENCE_SQL, dialect), last.id as number);
}

const many = (data: unknown): Data[] => (Array.isArray(data) ? data : [data]) as Data[];

const refuse = (): never => {
  throw new AppError(ErrorCode.Internal, 'AuditLog is append-only: rows are created one at a time and never changed');
};

export function withAuditSealing(client: PrismaClient, base: PrismaClient, sealer: AuditSealer, dialect: Dialect): PrismaClient {
  const extended = client.$extends({
    name: 'audit-sealing',
    query: {
      auditLog: {
        async create({ args, query }) {
          const rows = await sealed(base, sealer, dialect, [args.data as Data]);
          const result = await query({ ...args, data: rows[0] as typeof args.data });
          await recordHead(base, sealer, dialect, rows);
          return result;
        },
        async createMany({ args, query }) {
          const rows = await sealed(base, sealer, dialect, many(args.data));
          const result = await query({ ...args, data: rows as typeof args.data });
          await recordHead(base, sealer, dialect, rows);
          return result;
        },
        async createManyAndReturn({ args, query }) {
          const rows = await sealed(base, sealer, dialect, many(args.data));
          const result = await query({ ...args, data: rows as typeof args.data });
          await recordHead(base, sealer, dialect, rows);
          return result;
        },
        upsert: refuse,
        update: refuse,
        updateMany: refuse,
        updateManyAndReturn: refuse,
        delete: refuse,
        deleteMany: refuse,
      },
    },
  });
  return extended as unknown as PrismaClient;
}
