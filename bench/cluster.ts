/**
 * What the delivery benchmarks share: the built bot as N real server processes on one store (a fresh
 * schema of a PostgreSQL database, or — for one instance — an embedded database folder), a throttling
 * connector in a process of its own, and conversations recorded as the bot records them on install.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openStore } from '../src/store/open-store';
import type { Store } from '../src/store/store-types';
import { startBotProcess, type BotProcess } from '../test/support/bot-process';
import { forkThrottlingConnector, type ForkedConnector, type ThrottlingOptions } from '../test/support/throttling-connector';

export const BENCH_API_KEY = 'bench-key';

export interface ClusterOptions {
  instances: number;
  /** A PostgreSQL database to make a schema in; without it, one instance on an embedded store. */
  databaseUrl?: string;
  connector?: ThrottlingOptions;
  /** Extra environment for every instance. */
  env?: Record<string, string>;
}

export interface Cluster {
  connector: ForkedConnector;
  /** The store the instances use (PostgreSQL: open throughout; embedded: only while no instance runs). */
  openStore(): Promise<Store>;
  /** Starts the instances (at least one). */
  start(): Promise<[BotProcess, ...BotProcess[]]>;
  instances: BotProcess[];
  close(): Promise<void>;
}

/** Records conversations pointing at `serviceUrl`, each following `topics`, in one statement each. */
export async function addBenchConversations(
  store: Store,
  ids: readonly string[],
  serviceUrl: string,
  topics: readonly string[],
  type = 'personal',
): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO conversations (conversation_id, conversation_type, service_url, tenant_id, reference)
       SELECT id, $3, $2, 'tenant-1',
              jsonb_build_object('conversation', jsonb_build_object('id', id, 'conversationType', $3::text, 'tenantId', 'tenant-1'),
                                 'bot', jsonb_build_object('id', '28:bench-bot'), 'channelId', 'msteams', 'serviceUrl', $2::text)
       FROM unnest($1::text[]) AS id`,
      [[...ids], serviceUrl, type],
    );
    for (const topic of topics) {
      await tx.query(`INSERT INTO subscriptions (conversation_id, topic) SELECT id, $2 FROM unnest($1::text[]) AS id`, [[...ids], topic]);
    }
  });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!options.databaseUrl && options.instances > 1) throw new Error('several instances need PostgreSQL: set BENCH_DATABASE_URL');
  const connector = await forkThrottlingConnector(options.connector);
  let schema: string | undefined;
  let url: string | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-bench-'));
  if (options.databaseUrl) {
    schema = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
    const client = new Client({ connectionString: options.databaseUrl });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    const u = new URL(options.databaseUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
  }
  const instances: BotProcess[] = [];
  return {
    connector,
    instances,
    openStore: () => openStore({ dataDir, databaseUrl: url }),
    async start(): Promise<[BotProcess, ...BotProcess[]]> {
      const env = {
        API_KEYS: BENCH_API_KEY,
        MicrosoftAppId: '',
        // Info: the harness waits for the 'listening' line.
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }),
        // The delivery settings under test, e.g. DELIVERY_WINDOW_MARGIN_MS=40 npm run bench -- fanout.
        ...Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('DELIVERY_') && e[1] !== undefined)),
        ...options.env,
      };
      instances.push(...(await Promise.all(Array.from({ length: options.instances }, () => startBotProcess(env, 120_000)))));
      const [first, ...rest] = instances;
      if (!first) throw new Error('no instance started');
      return [first, ...rest];
    },
    async close() {
      await Promise.all(instances.map((i) => i.stop()));
      await connector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (schema && options.databaseUrl) {
        const client = new Client({ connectionString: options.databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      }
    },
  };
}

/** POSTs JSON to an instance's API with the bench key. */
export async function postApi(instance: BotProcess, route: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${instance.url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

/** A red rating: the alert every subscriber of `concerns` gets. */
export const redConcern = {
  kind: 'rayg',
  rating: 'red',
  previousRating: 'amber',
  school: { name: 'Oakfield Primary' },
  summary: 'Rated red after the visit',
};

/** The most timestamps inside any window of `windowMs` (sliding, as Teams counts). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  sorted.forEach((t, hi) => {
    while (t - (sorted[lo] ?? t) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  });
  return best;
}

export const until = async (what: string, done: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 500): Promise<void> => {
  const t0 = Date.now();
  while (!(await done())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};
