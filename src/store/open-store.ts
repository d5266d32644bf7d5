/**
 * One store for everything the bot remembers. Without `DATABASE_URL` it is PostgreSQL embedded in the
 * process (PGlite, files in `<DATA_DIR>/pglite`); with it, a PostgreSQL server. Same SQL, same migrations.
 * See docs/decisions/0001-one-sql-engine.md.
 */
import path from 'node:path';
import { openEmbeddedStore } from './embedded-store';
import { migrate } from './migrate';
import type { OpenStoreOptions, Store } from './store-types';

/** Opens the store and brings its schema up to date. Close it with `store.close()`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? // `pg` is loaded only when there is a server to talk to (~0.1 s at start otherwise).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, off the start-up path (decision 0006)
      (require('./postgres-store') as typeof import('./postgres-store')).openPostgresStore(options.databaseUrl, options.maxConnections)
    : await openEmbeddedStore(options.inMemory ? undefined : path.resolve(options.dataDir, 'pglite'));
  try {
    await migrate(store);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}
