/**
 * Store benchmark: start-up time, idle memory and p95 latency of the reads and writes the bot does most,
 * on embedded PGlite and (when TEST_DATABASE_URL or DATABASE_URL is set) on PostgreSQL, in a throwaway
 * schema that is dropped afterwards. Called by bench/run.ts; alone: `npx tsx bench/store-bench.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BotStateStorage } from '../src/store/bot-state-storage';
import { upsertConversation } from '../src/store/conversations-repo';
import { openStore } from '../src/store/open-store';
import { claimOutbox, enqueueOutbox } from '../src/store/outbox-repo';
import type { Store } from '../src/store/store-types';
import { listSubscribers, subscribe } from '../src/store/subscriptions-repo';
import { appendStatus } from '../src/store/workstream-status-repo';

const ROUNDS = 200;

const p95 = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN).toFixed(2));
};

async function time(rounds: number, op: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    await op(i);
    samples.push(performance.now() - start);
  }
  return p95(samples);
}

const rssMb = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
};

/** p95 (ms) of the common operations, on a store with a realistic handful of rows already in it. */
async function operations(store: Store, prefix: string): Promise<Record<string, number>> {
  for (let i = 0; i < 300; i += 1) {
    await upsertConversation(store, {
      conversationId: `c${i}`,
      conversationType: i % 3 === 0 ? 'personal' : 'channel',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      reference: { conversation: { id: `c${i}` }, bot: { id: 'bot' }, serviceUrl: 'https://smba.trafficmanager.net/uk/' },
    });
  }
  const storage = new BotStateStorage(store);
  const state = { conversation: { recentAnswers: [{ replyId: 'r', question: 'What is an EHCP?', excerpt: 'x'.repeat(400) }] } };
  const result: Record<string, number> = {};
  result[`${prefix}.subscribeP95Ms`] = await time(ROUNDS, (i) => subscribe(store, `c${i % 300}`, `workstream:ws-${i % 20}`, 'aad'));
  result[`${prefix}.listSubscribersP95Ms`] = await time(ROUNDS, (i) => listSubscribers(store, [`workstream:ws-${i % 20}`, 'workstreams:all']));
  result[`${prefix}.appendStatusP95Ms`] = await time(ROUNDS, (i) =>
    appendStatus(store, { slug: `ws-${i % 20}`, status: 'on-track', summary: 'Steady progress', authorId: 'a', authorName: 'A', source: 'teams' }),
  );
  result[`${prefix}.outboxEnqueue20AndClaimP95Ms`] = await time(ROUNDS, async (i) => {
    await store.transaction((tx) =>
      enqueueOutbox(
        tx,
        Array.from({ length: 20 }, (_, k) => ({ conversationId: `c${k}`, dedupeKey: `bench:${i}`, payload: { i } })),
      ),
    );
    await store.transaction((tx) => claimOutbox(tx, 'bench', 20, 60_000));
  });
  result[`${prefix}.stateReadWriteP95Ms`] = await time(ROUNDS, async (i) => {
    const key = `conv/c${i % 50}`;
    const items = await storage.read([key]);
    await storage.write({ [key]: { ...state, ...items[key], turn: i } });
  });
  return result;
}

async function benchEmbedded(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'herts-store-bench-'));
  const result: Record<string, number> = { 'store.embedded.rssBeforeMb': rssMb() };
  try {
    let start = performance.now();
    const fresh = await openStore({ dataDir: dir });
    result['store.embedded.openFreshMs'] = Math.round(performance.now() - start);
    await fresh.close();
    start = performance.now();
    const store = await openStore({ dataDir: dir });
    result['store.embedded.reopenMs'] = Math.round(performance.now() - start);
    result['store.embedded.idleRssMb'] = rssMb();
    try {
      Object.assign(result, await operations(store, 'store.embedded'));
      result['store.embedded.rssAfterOpsMb'] = rssMb();
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}

async function benchPostgres(url: string): Promise<Record<string, number>> {
  const schema = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  try {
    const start = performance.now();
    const store = await openStore({ dataDir: '.data-unused', databaseUrl: scoped.toString() });
    const result: Record<string, number> = { 'store.postgres.openAndMigrateMs': Math.round(performance.now() - start) };
    try {
      Object.assign(result, await operations(store, 'store.postgres'));
    } finally {
      await store.close();
    }
    return result;
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

/** Runs the store benchmark; keys are `store.<engine>.<measure>`, values in ms or MB. */
export async function benchStore(): Promise<Record<string, number>> {
  const result = await benchEmbedded();
  const url = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (url) Object.assign(result, await benchPostgres(url));
  return result;
}

if (require.main === module) {
  benchStore().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
