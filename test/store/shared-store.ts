/**
 * Stores for tests. PGlite takes seconds to initialise, so the whole test run shares ONE in-memory embedded
 * store: call `sharedTestStore()` in a `before` hook (it opens lazily, once) and `resetTestStore()` to start
 * a suite from empty tables. Its `close()` does nothing, so one suite cannot pull it from under another.
 *
 * For PostgreSQL, `TEST_DATABASE_URL` (see scripts/ci-postgres.sh) points at a server; each call of
 * `isolatedPostgresUrl()` makes a fresh schema on it, so parallel runs and earlier runs never collide.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openStore } from '../../src/store/open-store';
import type { Queryable, Store } from '../../src/store/store-types';

let shared: Promise<Store> | undefined;

/** The run-wide in-memory embedded store, migrated. */
export function sharedTestStore(): Promise<Store> {
  shared ??= openStore({ dataDir: '.data-unused', inMemory: true }).then((store): Store => ({ ...store, close: async () => undefined }));
  return shared;
}

/** Empties every table the migrations made (keeping the migration ledger). */
export async function truncateAll(db: Queryable): Promise<void> {
  const rows = await db.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (rows.length) await db.exec(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
}

/** The shared store with every table empty. */
export async function resetTestStore(): Promise<Store> {
  const store = await sharedTestStore();
  await truncateAll(store);
  return store;
}

/** The server under test, when there is one. */
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Why PostgreSQL tests are skipped, shown as the skipped test's title. */
export const POSTGRES_SKIP_REASON = 'PostgreSQL: skipped, TEST_DATABASE_URL is not set (eval "$(bash scripts/ci-postgres.sh)" to run these)';

const createdSchemas: string[] = [];

/** A URL for TEST_DATABASE_URL whose connections use a new, empty schema of their own. */
export async function isolatedPostgresUrl(): Promise<string> {
  const base = testDatabaseUrl();
  if (!base) throw new Error(POSTGRES_SKIP_REASON);
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  createdSchemas.push(schema);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Drops the schemas this process made (call from a root `after`; harmless when there are none). */
export async function dropIsolatedSchemas(): Promise<void> {
  const base = testDatabaseUrl();
  if (!base || createdSchemas.length === 0) return;
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    for (const schema of createdSchemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** A test subject: the shared embedded store, or a store on a fresh PostgreSQL schema. */
export interface EngineUnderTest {
  name: 'embedded' | 'postgres';
  /** Opens (or reuses) the store with empty tables. */
  open(): Promise<Store>;
}

/**
 * Declares `body` once per engine. The PostgreSQL copy is one skipped test naming the reason when
 * TEST_DATABASE_URL is unset, so a run without a server says so instead of passing quietly.
 */
export function describeEachEngine(title: string, body: (engine: EngineUnderTest) => void): void {
  describe(`${title} (embedded PGlite)`, () => {
    body({ name: 'embedded', open: resetTestStore });
  });
  describe(`${title} (PostgreSQL)`, () => {
    if (!testDatabaseUrl()) {
      it.skip(POSTGRES_SKIP_REASON, () => undefined);
      return;
    }
    let store: Store | undefined;
    body({
      name: 'postgres',
      async open() {
        if (!store) store = await openStore({ dataDir: '.data-unused', databaseUrl: await isolatedPostgresUrl() });
        await truncateAll(store);
        return store;
      },
    });
    after(async () => {
      await store?.close();
      await dropIsolatedSchemas();
    });
  });
}
