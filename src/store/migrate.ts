/**
 * Versioned migrations, run at every start.
 *
 * TO ADD A MIGRATION: create `src/store/migrations/NNN-short-name.ts` (next free three-digit number,
 * kebab-case name) exporting `export const up = \`...SQL...\`;`. That is all: files are discovered here,
 * applied in number order, once each, and recorded in `schema_migrations`. Never edit a migration that has
 * shipped; add a new one. Write plain PostgreSQL 15 SQL (PGlite runs 18, CI runs Debian 12's 15). Every run
 * is one transaction, so avoid statements that cannot run in one (CREATE INDEX CONCURRENTLY, VACUUM).
 *
 * Two instances starting together on one PostgreSQL are safe: the run holds a transaction-scoped advisory
 * lock, so the second waits, then finds nothing left to do. PGlite is one process anyway; the lock is cheap.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Store } from './store-types';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Arbitrary, fixed: the advisory lock key every instance of this bot uses for its migration run. */
const MIGRATION_LOCK_KEY = 720_240_001;
const FILE_PATTERN = /^(\d{3})-([a-z0-9-]+)\.(?:ts|js)$/;

/** The migrations in `dir` (default: the `migrations` folder beside this file), in version order. */
export function discoverMigrations(dir = path.join(__dirname, 'migrations')): Migration[] {
  const byVersion = new Map<number, Migration>();
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_PATTERN.exec(file);
    const [, number, name] = match ?? [];
    if (number === undefined || name === undefined) continue;
    const version = Number(number);
    const existing = byVersion.get(version);
    if (existing) {
      // The same file compiled and uncompiled side by side is fine; two different migrations are not.
      if (existing.name === name) continue;
      throw new Error(`two migrations share version ${number}: ${existing.name} and ${name}`);
    }
    // A computed path, so `require` rather than `import`: the files are only known at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is computed at run time
    const loaded: unknown = require(path.join(dir, file));
    const up = (loaded as { up?: unknown }).up;
    if (typeof up !== 'string' || !up.trim()) throw new Error(`migration ${file} must export a non-empty \`up\` SQL string`);
    byVersion.set(version, { version, name, up });
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/** Applies every migration not yet recorded, in one transaction. Returns the names it applied. */
export async function migrate(store: Store, migrations: Migration[] = discoverMigrations()): Promise<string[]> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.up);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(`${String(migration.version).padStart(3, '0')}-${migration.name}`);
    }
    return applied;
  });
}
