import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { discoverMigrations, migrate } from '../../src/store/migrate';
import { sharedTestStore } from './shared-store';

describe('store migrations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herts-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = (name: string, sql: string) => writeFile(path.join(dir, name), `exports.up = ${JSON.stringify(sql)};\n`);

  it('finds NNN-name files in number order and ignores everything else', async () => {
    await file('002-second.js', 'SELECT 2');
    await file('001-first.js', 'SELECT 1');
    await file('README.js', 'SELECT 0');
    await file('003-typed.d.js', 'SELECT 3');
    assert.deepEqual(
      discoverMigrations(dir).map((m) => `${m.version}:${m.name}`),
      ['1:first', '2:second'],
    );
  });

  it('refuses two different migrations with one number, naming both', async () => {
    await file('004-add-a.js', 'SELECT 1');
    await file('004-add-b.js', 'SELECT 1');
    assert.throws(() => discoverMigrations(dir), /version 004: add-a and add-b/);
  });

  it('applies a new migration once, records it, and rolls the whole run back when one fails', async () => {
    const store = await sharedTestStore();
    const version = 900 + Math.floor(Math.random() * 90);
    const table = `migration_probe_${version}`;
    const applied = await migrate(store, [{ version, name: 'probe', up: `CREATE TABLE ${table} (id int)` }]);
    assert.deepEqual(applied, [`${version}-probe`]);
    assert.deepEqual(await migrate(store, [{ version, name: 'probe', up: `CREATE TABLE ${table} (id int)` }]), []);

    await assert.rejects(
      migrate(store, [
        { version: version + 1, name: 'good', up: `CREATE TABLE ${table}_b (id int)` },
        { version: version + 2, name: 'bad', up: 'CREATE TABLE oops (' },
      ]),
    );
    const recorded = await store.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version > 899');
    assert.deepEqual(
      recorded.map((r) => Number(r.version)),
      [version],
    );
    const tables = await store.query('SELECT 1 FROM pg_tables WHERE tablename = $1', [`${table}_b`]);
    assert.equal(tables.length, 0, 'the good migration of the failed run is rolled back too');
    await store.exec(`DROP TABLE ${table}; DELETE FROM schema_migrations WHERE version = ${version}`);
  });
});
