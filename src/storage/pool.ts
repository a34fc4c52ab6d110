import pg from 'pg';

export type Pool = pg.Pool;
export type Db = pg.Pool | pg.PoolClient;

// Row counts and bigints arrive as strings unless told otherwise; our counters fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Dates without time (datelines) stay as 'YYYY-MM-DD' strings instead of shifting through local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createPool(connectionString: string, max = 10, statementTimeoutMs?: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // An idle client losing its server (PostgreSQL restart) emits here; without a listener it crashes Node.
  pool.on('error', () => undefined);
  return pool;
}

/** A pool (statements may be batched with other callers') rather than one client inside a transaction. */
export function isPool(db: Db): db is pg.Pool {
  return db instanceof pg.Pool;
}

export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Runs a transaction again when PostgreSQL chose it as a deadlock victim (it was rolled back whole). For
 * transactions that lock many rows at once, such as a revision cancelling tasks claims are using.
 */
export async function retryOnDeadlock<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= tries || (error as { code?: string }).code !== '40P01') throw error;
    }
  }
}

/**
 * A client checked out of the pool for several statements. While checked out, the pool's own error
 * listener does not cover it: a server shutting down would emit an unhandled 'error' and kill the process.
 * A client that saw an error is destroyed on release instead of going back to the pool.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    broken ??= isConnectionError(error) ? (error as Error) : undefined;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('57P') || code.startsWith('08') || /Connection terminated|ECONNRESET/.test(String(error));
}

/**
 * The text of a statement assembled from the SQL helpers (column lists, status lists), built once per
 * process on first use. On the claim and submit path the text never changes, and building it per request
 * cost the template work and, for a named statement, a full comparison with the text the connection
 * prepared (pg compares them on every call; the same string object compares at once).
 */
export function statementText(build: () => string): () => string {
  let text: string | undefined;
  return () => (text ??= build());
}

/**
 * A named statement: PostgreSQL parses and plans it once per connection instead of on every call. Used on
 * the claim and submit path, where planning the joins cost more than running them.
 */
export function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name, text, values };
}
