import pg from 'pg';

/** Catalog column types adapter-pg 6.19.3 cannot read (prisma#27403): `"char"` (18) and `name` (19). */
const CATALOG_TEXT_TYPES = new Set([18, 19]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

/**
 * A pool whose results label `name` and `"char"` columns as text. Prisma's migrate tooling reads catalog tables
 * through the adapter and fails on those types ("Column type 'name' could not be deserialized"); their text form is
 * what it wants. The bot's own queries never select such columns: only `prisma migrate diff` needs this.
 */
export function catalogSafePool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  pool.on('error', () => undefined); // an idle client's dropped connection is replaced on the next query
  const relabel = <R>(result: R): R => {
    for (const field of (result as QueryResultLike).fields ?? []) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    return result;
  };
  // pool.query itself checks out a client with connect(callback): relabelling at the client covers both paths.
  pool.on('connect', (client) => {
    const clientQuery = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const result = clientQuery(...args);
      return result instanceof Promise ? result.then(relabel) : result;
    };
  });
  return pool;
}
