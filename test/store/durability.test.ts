import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BotStateStorage } from '../../src/store/bot-state-storage';
import { upsertConversation } from '../../src/store/conversations-repo';
import { discoverMigrations, migrate } from '../../src/store/migrate';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store-types';
import { appendStatus, latestStatuses } from '../../src/store/workstream-status-repo';
import { committedIds, startStoreChild, type StoreChild } from './child-process';
import { dropIsolatedSchemas, isolatedPostgresUrl, POSTGRES_SKIP_REASON, testDatabaseUrl } from './shared-store';

/** Where a store lives between openings: an embedded folder, or a PostgreSQL schema. */
interface Location {
  dataDir?: string;
  databaseUrl?: string;
}

const open = (at: Location): Promise<Store> => openStore({ dataDir: at.dataDir ?? '.data-unused', databaseUrl: at.databaseUrl });

async function writeSomething(store: Store): Promise<void> {
  await upsertConversation(store, {
    conversationId: 'c-restart',
    conversationType: 'personal',
    serviceUrl: 'https://smba.example/',
    reference: { conversation: { id: 'c-restart' } },
  });
  await appendStatus(store, { slug: 'ws-a', status: 'at-risk', summary: 'before restart', authorId: 'a', authorName: 'A', source: 'api' });
  await new BotStateStorage(store).write({ 'conv/c-restart': { remembered: true } });
}

async function assertSomethingSurvived(store: Store): Promise<void> {
  const [latest] = await latestStatuses(store, ['ws-a']);
  assert.equal(latest?.summary, 'before restart');
  assert.equal((await new BotStateStorage(store).read(['conv/c-restart']))['conv/c-restart']?.remembered, true);
}

async function countWrites(store: Store, ids: string[]): Promise<Set<string>> {
  const rows = await store.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'durability.write' AND target = ANY($1::text[])`, [
    ids,
  ]);
  return new Set(rows.map((r) => r.target));
}

/** Starts a writer, lets it commit at least `atLeast` transactions, then kills it with SIGKILL. */
async function killWriterMidway(at: Location, atLeast: number): Promise<string[]> {
  const child = startStoreChild({ ...at, task: 'write', label: 'killed', count: 0 });
  await child.waitFor((lines) => committedIds(lines).length >= atLeast);
  child.process.kill('SIGKILL');
  assert.equal(await child.exited, 'SIGKILL');
  return committedIds(child.lines);
}

function durabilitySuite(engine: 'embedded' | 'postgres', fresh: () => Promise<Location>): void {
  it('keeps what was written across a close and reopen', async () => {
    const at = await fresh();
    const first = await open(at);
    await writeSomething(first);
    await first.close();
    const second = await open(at);
    try {
      await assertSomethingSurvived(second);
    } finally {
      await second.close();
    }
  });

  it('loses nothing committed when the writing process is killed with SIGKILL, and reopens', async () => {
    const at = await fresh();
    const committed = await killWriterMidway(at, 40);
    const store = await open(at);
    try {
      const found = await countWrites(store, committed);
      assert.deepEqual(
        committed.filter((id) => !found.has(id)),
        [],
        'every id the child printed is stored',
      );
      await writeSomething(store);
      await assertSomethingSurvived(store);
    } finally {
      await store.close();
    }
  });

  it('running the migrations again changes nothing', async () => {
    const at = await fresh();
    const store = await open(at);
    try {
      assert.deepEqual(await migrate(store), []);
      const results = await Promise.all([migrate(store), migrate(store), migrate(store)]);
      assert.deepEqual(results, [[], [], []]);
      const rows = await store.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        rows.map((r) => Number(r.version)),
        discoverMigrations().map((m) => m.version),
      );
    } finally {
      await store.close();
    }
  });

  if (engine === 'embedded') return;

  it('two processes writing at once to one PostgreSQL keep every write of both', async () => {
    const at = await fresh();
    const children = ['left', 'right'].map((label) => startStoreChild({ ...at, task: 'write', label, count: 150 }));
    const codes = await Promise.all(children.map((c) => c.exited));
    assert.deepEqual(codes, [0, 0], children.map((c) => c.stderr()).join('\n'));
    const committed = children.flatMap((c) => committedIds(c.lines));
    assert.equal(committed.length, 300);
    const store = await open(at);
    try {
      assert.equal((await countWrites(store, committed)).size, 300);
    } finally {
      await store.close();
    }
  });

  it('migrations started at the same moment by two processes and two pools all succeed, applying each once', async () => {
    const at = await fresh();
    const children: StoreChild[] = ['m1', 'm2'].map((label) => startStoreChild({ ...at, task: 'migrate', label, count: 0 }));
    const stores = await Promise.all([open(at), open(at)]);
    try {
      const codes = await Promise.all(children.map((c) => c.exited));
      assert.deepEqual(codes, [0, 0], children.map((c) => c.stderr()).join('\n'));
      const rows = await stores[0].query<{ n: unknown }>('SELECT count(*) AS n FROM schema_migrations');
      assert.equal(Number(rows[0]?.n), discoverMigrations().length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a scheduled job runs once per period when two processes race for it', async () => {
    const at = await fresh();
    const first = await open(at);
    await first.close();
    const children = ['j1', 'j2'].map((label) => startStoreChild({ ...at, task: 'jobs', label, count: 40 }));
    const codes = await Promise.all(children.map((c) => c.exited));
    assert.deepEqual(codes, [0, 0], children.map((c) => c.stderr()).join('\n'));
    const wins = children.flatMap((c) => c.lines.filter((l) => l.startsWith('won ')));
    assert.equal(wins.length, 40, 'each of the 40 periods won exactly once');
    assert.equal(new Set(wins).size, 40);
  });
}

describe('store durability (embedded PGlite on disk)', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herts-store-'));
    dirs.push(dir);
    return dir;
  };
  // Creating a PGlite database takes seconds (initdb in WebAssembly): make one, closed and migrated, and
  // give each test a copy of the folder, which is what a restarted bot finds on its volume anyway.
  let template: string;
  before(async () => {
    template = await tempDir();
    await (await open({ dataDir: template })).close();
  });
  durabilitySuite('embedded', async () => {
    const dir = await tempDir();
    await cp(template, dir, { recursive: true });
    return { dataDir: dir };
  });
  after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
});

describe('store durability (PostgreSQL)', () => {
  if (!testDatabaseUrl()) {
    it.skip(POSTGRES_SKIP_REASON, () => undefined);
    return;
  }
  durabilitySuite('postgres', async () => ({ databaseUrl: await isolatedPostgresUrl() }));
  after(dropIsolatedSchemas);
});
