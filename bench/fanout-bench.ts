/**
 * Fan-out throughput: one red-rating alert (raised through `POST /api/concerns`, as another system would)
 * to N conversations (default 10 000), delivered by the built bot running as `instances` real server
 * processes on one PostgreSQL (or one on the embedded store), against a connector in a process of its own
 * that enforces Teams' limits by answering 429 (test/support/throttling-connector.ts). Reports messages/s
 * (target ≥ 47.5 against 50/s), 429s, lost and duplicated.
 *
 * With `failRate` a share of sends is answered 500; with `kill` the last instance is SIGKILLed when 40 %
 * has arrived, and the report says how many of its sends were in flight then (the duplicates allowed).
 *
 *   npm run bench -- fanout --instances 2                 # BENCH_DATABASE_URL must name a PostgreSQL database
 *   npm run bench -- fanout --instances 3 --fail 0.01 --kill
 *   BENCH_FANOUT_N=2000 npm run bench -- fanout           # one instance, embedded store, quicker
 */
import { postApi, redConcern, startCluster, until, addBenchConversations } from './cluster';

export interface FanoutOptions {
  /** Conversations, each receiving the alert once (default 10 000). */
  n?: number;
  instances?: number;
  /** PostgreSQL database for the instances (a fresh schema is made in it); default one embedded instance. */
  databaseUrl?: string;
  /** Share of sends answered 500. */
  failRate?: number;
  /** SIGKILL the last instance at 40 %. */
  kill?: boolean;
}

export async function benchFanout(options: FanoutOptions = {}): Promise<Record<string, number | string>> {
  const n = options.n ?? 10_000;
  const instances = options.instances ?? 1;
  if (options.kill && instances < 2) throw new Error('--kill needs at least two instances');
  const cluster = await startCluster({ instances, databaseUrl: options.databaseUrl, connector: { failRate: options.failRate, seed: 11 } });
  try {
    const ids = Array.from({ length: n }, (_, i) => `a:fanout-${i}`);
    const seeding = await cluster.openStore();
    await addBenchConversations(seeding, ids, cluster.connector.url, ['concerns']);
    if (seeding.kind === 'embedded') await seeding.close();
    const store = seeding.kind === 'postgres' ? seeding : undefined;
    const bots = await cluster.start();
    const [first] = bots;
    const last = bots.at(-1) ?? first;

    const t0 = Date.now();
    const raised = await postApi(first, '/api/concerns', redConcern);
    if (raised.status !== 201) throw new Error(`raising the concern failed: ${raised.status} ${JSON.stringify(raised.json)}`);
    const enqueueMs = Date.now() - t0;

    let inFlightAtKill: Set<number> | undefined;
    let lastShown = 0;
    await until(
      'every alert delivered',
      async () => {
        const p = await cluster.connector.progress();
        if (Date.now() - lastShown > 2_000) {
          process.stderr.write(`\rfan-out: ${p.accepted}/${n} delivered, ${p.throttled} throttled, ${p.failed} failed `);
          lastShown = Date.now();
        }
        if (options.kill && !inFlightAtKill && p.accepted >= n * 0.4) inFlightAtKill = await kill(last);
        return p.accepted >= n;
      },
      Math.max(120_000, (n / 50) * 1000 * 3),
      100,
    );
    process.stderr.write('\n');
    // Anything sent twice arrives shortly after; give it the time.
    await new Promise((r) => setTimeout(r, 2_000));
    const report = await cluster.connector.report();

    const accepted = report.arrivals.filter((a) => a.status === 200);
    const perConversation = new Map<string, number>();
    for (const a of accepted) perConversation.set(a.conversationId, (perConversation.get(a.conversationId) ?? 0) + 1);
    const lost = ids.filter((id) => !perConversation.has(id)).length;
    const duplicated = [...perConversation.values()].reduce((sum, k) => sum + k - 1, 0);
    const seconds = ((accepted.at(-1)?.at ?? 0) - (accepted[0]?.at ?? 0)) / 1000;
    const throttled = report.arrivals.filter((a) => a.status === 429).length;

    async function kill(bot: (typeof bots)[number]): Promise<Set<number>> {
      bot.process.kill('SIGKILL');
      await bot.exited;
      // Its sends that reached the connector but were not recorded as sent: what may go twice.
      const seen = await cluster.connector.report();
      const answered = new Set(seen.arrivals.flatMap((a) => (a.status === 200 && a.outboxId !== undefined ? [a.outboxId] : [])));
      const db = store ?? (await cluster.openStore());
      const rows = await db.query<{ id: string | number }>(`SELECT id FROM outbox WHERE state = 'sending' AND claimed_by LIKE $1`, [
        `%:${bot.process.pid}:%`,
      ]);
      return new Set(rows.map((r) => Number(r.id)).filter((id) => answered.has(id)));
    }

    const result: Record<string, number | string> = {
      instances,
      conversations: n,
      'alert queued, ms (POST /api/concerns)': enqueueMs,
      'messages/s (target ≥ 47.5)': Number(((accepted.length - 1) / seconds).toFixed(2)),
      'seconds sending': Number(seconds.toFixed(1)),
      lost,
      duplicated,
      '429 answers (target 0)': throttled,
      ...Object.fromEntries(Object.entries(report.throttledBy).map(([k, v]) => [`  429s: ${k} full`, v])),
      '500s injected': report.arrivals.filter((a) => a.status === 500).length,
    };
    if (inFlightAtKill) result['sends in flight at the kill (duplicates allowed)'] = inFlightAtKill.size;
    await store?.close();
    return result;
  } finally {
    await cluster.close();
  }
}
