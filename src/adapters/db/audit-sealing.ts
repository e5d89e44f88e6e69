import { AppError, ErrorCode } from '../../errors.ts';
import { HEAD_SQL, headOf, headValues, rowInputOf, sealNext, UPSERT_HEAD_SQL, type AuditSealer, type HeadRow } from './audit-chain.ts';
import type { PrismaClient } from './generated/client.ts';

/**
 * Every AuditLog row written through Prisma is linked into the hash chain and sealed here (audit-chain.ts), so no
 * call site can forget it. The head is read through `base`, the unextended client on the same single connection
 * as the transaction (Database.write): inside a transaction it sees the transaction's own rows, and the write lock
 * taken at its start (lockForWriting) keeps another process from appending in between. Raw inserts (the import)
 * call sealNext themselves (import-sql.ts). Changing or deleting rows through Prisma is refused outright.
 */
type Data = Record<string, unknown>;

/** Each row linked after the one before it (createMany: in the order given). */
async function sealed(base: PrismaClient, sealer: AuditSealer, data: Data[]): Promise<Data[]> {
  if (data.length === 0) return [];
  const [row] = await base.$queryRawUnsafe<HeadRow[]>(HEAD_SQL);
  let head = headOf(row!, sealer);
  return data.map((d) => {
    const next = sealNext(sealer, head, rowInputOf(d, () => new Date()));
    head = { nextId: next.id + 1, hash: next.hash };
    return { ...next };
  });
}

/** The sealed AuditChainHead after the last row written. */
async function recordHead(base: PrismaClient, sealer: AuditSealer, rows: Data[]): Promise<void> {
  const last = rows.at(-1);
  if (last) await base.$executeRawUnsafe(UPSERT_HEAD_SQL, ...headValues(sealer, last.id as number, last.hash as string));
}

const many = (data: unknown): Data[] => (Array.isArray(data) ? data : [data]) as Data[];

const refuse = (): never => {
  throw new AppError(ErrorCode.Internal, 'AuditLog is append-only: rows are created one at a time and never changed');
};

export function withAuditSealing(client: PrismaClient, base: PrismaClient, sealer: AuditSealer): PrismaClient {
  const extended = client.$extends({
    name: 'audit-sealing',
    query: {
      auditLog: {
        async create({ args, query }) {
          const rows = await sealed(base, sealer, [args.data as Data]);
          const result = await query({ ...args, data: rows[0] as typeof args.data });
          await recordHead(base, sealer, rows);
          return result;
        },
        async createMany({ args, query }) {
          const rows = await sealed(base, sealer, many(args.data));
          const result = await query({ ...args, data: rows as typeof args.data });
          await recordHead(base, sealer, rows);
          return result;
        },
        async createManyAndReturn({ args, query }) {
          const rows = await sealed(base, sealer, many(args.data));
          const result = await query({ ...args, data: rows as typeof args.data });
          await recordHead(base, sealer, rows);
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
