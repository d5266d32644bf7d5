/**
 * Fan-out throughput: one alert to N conversations (default 10 000) through the outbox and the delivery
 * worker, against a loopback connector that ENFORCES Teams' limits the way Teams does, by answering
 * 429 + Retry-After: more than 50 requests in any sliding second overall, or more than 7 to one
 * conversation. Reports messages/s (target ≥ 47.5 against the 50/s limit), lost and duplicated.
 *
 *   npx tsx bench/fanout-bench.ts            # the full 10 000 (about 3.5 minutes at 50/s)
 *   npx tsx bench/fanout-bench.ts --n 500    # a quick run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { createLogger } from '../src/logger';
import { startDeliveryWorker } from '../src/notifications/delivery-worker';
import { enqueueToTopic } from '../src/notifications/enqueue';
import { outboxStats } from '../src/notifications/outbox-stats';
import { openStore } from '../src/store/open-store';
import { LoopbackConnector } from '../test/support/loopback-connector';

export interface FanoutOptions {
  /** Conversations, each receiving the alert once (default 10 000). */
  n?: number;
  /** Limits the fake connector enforces (Teams: 50/s per bot, 7/s per conversation). */
  overallLimit?: number;
  perConversationLimit?: number;
  /** PostgreSQL URL; default an in-memory embedded store. */
  databaseUrl?: string;
}

/** Counts arrivals over a sliding window, per key. */
class SlidingCounter {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly windowMs: number) {}
  /** Records an arrival; returns how many arrived in the last window including this one. */
  hit(key: string, now: number): number {
    const list = this.times.get(key) ?? [];
    while ((list[0] ?? Infinity) <= now - this.windowMs) list.shift();
    list.push(now);
    this.times.set(key, list);
    return list.length;
  }
}

export async function benchFanout(options: FanoutOptions = {}): Promise<Record<string, number>> {
  const n = options.n ?? 10_000;
  const overallLimit = options.overallLimit ?? 50;
  const perConversationLimit = options.perConversationLimit ?? 7;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-fanout-'));
  const store = await openStore({ dataDir, inMemory: !options.databaseUrl, databaseUrl: options.databaseUrl });
  const connector = await new LoopbackConnector().listen();

  // Teams counts every request it receives, refused or not; so does this connector.
  const overall = new SlidingCounter(1000);
  const perConversation = new SlidingCounter(1000);
  const accepted: number[] = [];
  let throttled = 0;
  connector.gate = (conversationId, _body, method) => {
    if (!conversationId || method !== 'POST') return undefined;
    const now = Date.now();
    const all = overall.hit('*', now);
    const mine = perConversation.hit(conversationId, now);
    if (all > overallLimit || mine > perConversationLimit) {
      throttled++;
      return { status: 429, retryAfter: 1 };
    }
    accepted.push(now);
    return undefined;
  };

  const ids = Array.from({ length: n }, (_, i) => `a:fanout-${i}`);
  await store.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO conversations (conversation_id, conversation_type, service_url, tenant_id, reference)
       SELECT id, 'personal', $2, 'tenant-1',
              jsonb_build_object('conversation', jsonb_build_object('id', id, 'conversationType', 'personal'),
                                 'bot', jsonb_build_object('id', '28:bench-bot'), 'channelId', 'msteams', 'serviceUrl', $2::text)
       FROM unnest($1::text[]) AS id`,
      [ids, connector.url],
    );
    await tx.query(`INSERT INTO subscriptions (conversation_id, topic) SELECT id, 'concerns' FROM unnest($1::text[]) AS id`, [ids]);
  });
  const t0 = performance.now();
  await store.transaction((tx) => enqueueToTopic(tx, { topic: 'concerns', dedupeKey: 'bench:alert-1', activity: { text: 'A new concern was raised' } }));
  const enqueueMs = performance.now() - t0;

  const adapter = new TeamsAdapter(
    {} as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }),
  );
  const worker = startDeliveryWorker({
    store,
    adapter,
    botAppId: '',
    logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
    ratePerSecond: overallLimit,
    ratePerConversation: perConversationLimit,
    pollMs: 100,
  });
  const progress = setInterval(() => process.stderr.write(`\rfan-out: ${accepted.length}/${n} delivered, ${throttled} throttled `), 2000);
  try {
    await worker.drain(Math.max(60_000, (n / overallLimit) * 1000 * 3));
  } finally {
    clearInterval(progress);
    process.stderr.write('\n');
    await worker.stop();
  }

  let lost = 0;
  let duplicated = 0;
  for (const id of ids) {
    const got = connector.messages(id).length;
    if (got === 0) lost++;
    if (got > 1) duplicated += got - 1;
  }
  const stats = await outboxStats(store);
  const seconds = ((accepted.at(-1) ?? 0) - (accepted[0] ?? 0)) / 1000;
  await connector.close();
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    conversations: n,
    'enqueue ms (one transaction)': Math.round(enqueueMs),
    'messages/s (target ≥ 47.5)': Number(((accepted.length - 1) / seconds).toFixed(2)),
    'seconds sending': Number(seconds.toFixed(1)),
    lost,
    duplicated,
    'throttled (429) answers': throttled,
    'dead rows': stats.dead,
  };
}

if (require.main === module) {
  const flag = process.argv.indexOf('--n');
  const n = flag >= 0 ? Number(process.argv[flag + 1]) : undefined;
  benchFanout({ n, databaseUrl: process.env.BENCH_DATABASE_URL }).then(
    (result) => {
      for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(32)} ${v}`);
      process.exit(result.lost || result.duplicated ? 1 : 0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
