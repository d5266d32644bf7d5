/**
 * The server engine: PostgreSQL through a `pg` Pool, for running several bot instances on one database.
 * A transaction holds one pooled client from BEGIN to COMMIT/ROLLBACK.
 */
import { Pool, type PoolClient } from 'pg';
import type { Queryable, Store } from './store-types';

const asQueryable = (db: Pool | PoolClient): Queryable => ({
  async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await db.query(sql, params ? [...params] : undefined);
    return result.rows as T[];
  },
  async exec(sql: string): Promise<void> {
    // Without parameters pg uses the simple protocol, which accepts several statements at once.
    await db.query(sql);
  },
});

/** Connects a pool to `url`. Connections open lazily; a bad URL surfaces on the first query (migrations). */
export function openPostgresStore(url: string, maxConnections = 10): Store {
  const pool = new Pool({ connectionString: url, max: maxConnections, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const direct = asQueryable(pool);
  let closed = false;

  return {
    kind: 'postgres',
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection is broken: destroy it rather than return it to the pool.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(rolledBack ? undefined : true);
        throw error;
      }
    },
    async ping() {
      if (closed) return false;
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
