/**
 * The store's two faces: anything that runs SQL (`Queryable`, also what a transaction hands you) and the
 * opened store itself. Both engines speak PostgreSQL, so repositories take a `Queryable` and never know
 * which one is underneath.
 */

/** Runs one parameterised statement and returns its rows. `$1, $2…` placeholders, as in PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Store extends Queryable {
  /** `embedded`: PGlite in this process (one instance). `postgres`: a PostgreSQL server (many instances). */
  readonly kind: 'embedded' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Use the `tx`
   * it is given for every statement inside; calling `store.transaction` or `store.query` from inside `fn`
   * on the embedded store waits for this transaction to finish, i.e. deadlocks.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query (for /healthz); never throws. */
  ping(): Promise<boolean>;
  /** Waits for running work, then releases the database (PGlite flushes and closes its files). */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** A PostgreSQL URL. When set the store uses a `pg` Pool; when unset, embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The bot's data folder (`DATA_DIR`); the embedded database lives in `<dataDir>/pglite`. */
  dataDir: string;
  /** Embedded only: keep the database in memory (tests). Nothing is written to `dataDir`. */
  inMemory?: boolean;
  /** PostgreSQL only: the most connections this instance opens (default 10). */
  maxConnections?: number;
}

/**
 * Runs `fn` atomically: in a new transaction when given the store, or as part of the caller's when given
 * a `tx`. Lets a repository function that writes several rows be called either way.
 */
export function inTransaction<T>(db: Queryable | Store, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in db ? db.transaction(fn) : fn(db);
}
