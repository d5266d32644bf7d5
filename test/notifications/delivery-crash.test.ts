/**
 * kill -9 in the middle of a fan-out, then a restart, with the worker in a process of its own: nothing
 * is lost, the only alerts sent twice are the ones whose send was in flight when the process died, and
 * the restarted worker takes over the dead one's claims within seconds instead of waiting out their
 * 60 s lease. On the embedded store (the restarted worker knows no other process can hold a claim) and on
 * PostgreSQL (where it waits for the dead worker's heartbeat to go stale: 3 s here).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { enqueueToConversations } from '../../src/notifications/enqueue';
import { openStore } from '../../src/store/open-store';
import { LoopbackConnector } from '../support/loopback-connector';
import { dropIsolatedSchemas, isolatedPostgresUrl, POSTGRES_SKIP_REASON, testDatabaseUrl } from '../store/shared-store';
import { addConversations } from './delivery-harness';

interface Location {
  dataDir?: string;
  databaseUrl?: string;
}

const CHILD = path.join(__dirname, 'fixtures', 'delivery-child.ts');

/** Starts a delivery worker process; resolves once it has opened the store and started. */
async function startWorker(at: Location, workerId: string): Promise<ChildProcess> {
  const args = { ...at, ratePerSecond: 50, workerId, heartbeatMs: 500, staleAfterMs: 3_000 };
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, JSON.stringify(args)], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`worker ${workerId} exited (${code}) before it was ready: ${stderr}`)));
  });
  return child;
}

const until = async (what: string, done: () => boolean, timeoutMs: number) => {
  const t0 = Date.now();
  while (!done()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function crashSuite(fresh: () => Promise<Location>): void {
  it('loses nothing, repeats only the sends in flight, and the restarted worker takes over within seconds', async function () {
    this.timeout(120_000);
    const at = await fresh();
    const connector = await new LoopbackConnector().listen();
    const children: ChildProcess[] = [];
    try {
      const store = await openStore({ dataDir: at.dataDir ?? '.data-unused', databaseUrl: at.databaseUrl });
      const ids = await addConversations(store, connector, 120);
      await store.transaction((tx) =>
        enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'crash-alert', activity: { text: 'Crash alert' } }),
      );
      await store.close();

      // The first 40 sends are answered; the ones after that reach the connector but get no answer:
      // they are in flight when the worker dies.
      const posts = () => connector.requests.filter((r) => r.method === 'POST' && r.path.includes('/activities'));
      let answering = true;
      connector.gate = (conversationId, _body, method) => {
        if (!conversationId || method !== 'POST') return undefined;
        if (answering && posts().length > 40) answering = false;
        return answering ? undefined : 'hang';
      };
      children.push(await startWorker(at, 'first'));
      await until('40 answered and some in flight', () => posts().length >= 45, 30_000);
      // Time enough to record what was answered; recording is not waiting for anything else.
      await new Promise((r) => setTimeout(r, 1_000));
      children[0]?.kill('SIGKILL');
      await new Promise((r) => children[0]?.once('exit', r));
      const inFlight = new Set(
        posts()
          .slice(40)
          .map((r) => decodeURIComponent(r.path.split('/')[3] ?? '')),
      );

      connector.gate = undefined;
      children.push(await startWorker(at, 'second'));
      const delivered = (id: string) => connector.messages(id).length > 0;
      // The first worker claimed ~100 rows; with a 60 s lease the rest would wait a minute.
      await until('every alert delivered after the restart', () => ids.every(delivered), 20_000);
      await new Promise((r) => setTimeout(r, 500));

      const sentTwice = ids.filter((id) => posts().filter((r) => decodeURIComponent(r.path.split('/')[3] ?? '') === id).length > 1);
      assert.deepEqual(sentTwice.sort(), [...inFlight].sort(), 'only the sends in flight at the kill went twice');
      assert.deepEqual(
        ids.filter((id) => connector.messages(id).length !== 1),
        [],
        'every conversation has its alert, once',
      );
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await connector.close();
    }
  });
}

describe('delivery through a kill -9 (embedded store on disk)', () => {
  const dirs: string[] = [];
  crashSuite(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'herts-crash-'));
    dirs.push(dir);
    return { dataDir: dir };
  });
  after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
});

describe('delivery through a kill -9 (PostgreSQL)', () => {
  if (!testDatabaseUrl()) {
    it.skip(POSTGRES_SKIP_REASON, () => undefined);
    return;
  }
  crashSuite(async () => ({ databaseUrl: await isolatedPostgresUrl() }));
  after(dropIsolatedSchemas);
});
