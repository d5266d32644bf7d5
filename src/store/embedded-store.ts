/**
 * The embedded engine: PostgreSQL compiled to WebAssembly (PGlite), persisted in a folder. One connection,
 * one process: every statement and every transaction takes the mutex, so concurrent turns cannot slip a
 * statement into someone else's open transaction.
 */
import { mkdir } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { seedFromTemplate } from './embedded-template';
import { startParams } from './pglite-params';
import { Mutex } from './mutex';
import type { Queryable, Store } from './store-types';

const asQueryable = (db: PGlite | Transaction): Queryable => ({
  async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await db.query<T>(sql, params ? [...params] : undefined);
    return result.rows;
  },
  async exec(sql: string): Promise<void> {
    await db.exec(sql);
  },
});

/**
 * PostgreSQL in WebAssembly runs on V8's baseline compiler (Liftoff) alone. By default V8 also recompiles
 * PostgreSQL's hot functions with its optimising compiler: measured, that costs ~50 MB resident and
 * ~0.1 s of CPU at start, and runs the bot's statements no faster (30 000 upserts and reads took the
 * same time either way). The flag applies to WebAssembly compiled after it is set; JavaScript is not
 * affected. See docs/decisions/0006-start-up.md.
 */
function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/** Opens (creating when absent) the PGlite database in `dir`, or an in-memory one when `dir` is undefined. */
export async function openEmbeddedStore(dir: string | undefined): Promise<Store> {
  if (dir && !(await seedFromTemplate(dir))) await mkdir(dir, { recursive: true });
  baselineWasmOnly();
  const db = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), startParams });
  const mutex = new Mutex();
  const direct = asQueryable(db);
  let closed = false;

  return {
    kind: 'embedded',
    query: (sql, params) => mutex.run(() => direct.query(sql, params)),
    exec: (sql) => mutex.run(() => direct.exec(sql)),
    transaction: (fn) => mutex.run(() => db.transaction((tx) => fn(asQueryable(tx)))),
    async ping() {
      if (closed) return false;
      try {
        await mutex.run(() => direct.query('SELECT 1'));
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await mutex.run(() => db.close());
    },
  };
}
