/**
 * A busy channel and a red alert: `updates` status updates (default 200) to one workstream, posted in a
 * burst through `POST /api/workstreams/{slug}/updates`, each notifying the one channel that follows it;
 * when 30 of them have arrived a red-rating concern is raised, whose alert goes to that channel and to 20
 * personal chats subscribed to concerns. Teams allows a conversation 60 messages in 30 s: the channel must
 * get its updates at that pace with no 429, and the alert must not wait behind them (target ≤ 5 s).
 *
 *   npm run bench -- burst --instances 2      # BENCH_DATABASE_URL names a PostgreSQL database
 */
import { addBenchConversations, maxInWindow, postApi, redConcern, startCluster, until } from './cluster';

export interface BurstOptions {
  updates?: number;
  instances?: number;
  databaseUrl?: string;
}

const SLUG = 'quality-send-offer';
const CHANNEL = '19:busy-channel@thread.tacv2';

export async function benchBurst(options: BurstOptions = {}): Promise<Record<string, number | string>> {
  const updates = options.updates ?? 200;
  const instances = options.instances ?? 1;
  const cluster = await startCluster({ instances, databaseUrl: options.databaseUrl });
  try {
    const chats = Array.from({ length: 20 }, (_, i) => `a:burst-${i}`);
    const store = await cluster.openStore();
    await addBenchConversations(store, [CHANNEL], cluster.connector.url, [`workstream:${SLUG}`, 'concerns'], 'channel');
    await addBenchConversations(store, chats, cluster.connector.url, ['concerns']);
    await store.close();
    const bots = await cluster.start();
    const pick = (i: number) => bots[i % bots.length] ?? bots[0];

    const t0 = Date.now();
    const statuses = ['on-track', 'at-risk', 'off-track'];
    // Ten requests at a time across the instances: a burst, as a system catching up would send it.
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < updates) {
          const i = next++;
          const res = await postApi(pick(i), `/api/workstreams/${SLUG}/updates`, { status: statuses[i % 3], summary: `Burst update ${i + 1}` });
          if (res.status !== 201) throw new Error(`update ${i + 1} failed: ${res.status} ${JSON.stringify(res.json)}`);
        }
      }),
    );
    const postedMs = Date.now() - t0;
    const channelArrivals = async () => (await cluster.connector.report()).arrivals.filter((a) => a.conversationId === CHANNEL);
    await until('30 updates at the channel', async () => (await channelArrivals()).filter((a) => a.status === 200).length >= 30, 120_000);
    const raisedAt = Date.now();
    const raised = await postApi(pick(bots.length - 1), '/api/concerns', redConcern);
    if (raised.status !== 201) throw new Error(`raising the concern failed: ${raised.status}`);
    const isAlert = (text?: string) => Boolean(text?.startsWith('New concern'));
    await until(
      'every update and alert delivered',
      async () => {
        const arrivals = (await cluster.connector.report()).arrivals.filter((a) => a.status === 200);
        return (
          arrivals.filter((a) => a.conversationId === CHANNEL).length >= updates + 1 &&
          new Set(arrivals.filter((a) => isAlert(a.text)).map((a) => a.conversationId)).size >= chats.length + 1
        );
      },
      (updates / 2) * 1000 * 2 + 60_000,
      1_000,
    );
    const report = await cluster.connector.report();
    const at = (a: { at: number }) => report.startedAt + a.at;
    const channel = report.arrivals.filter((a) => a.conversationId === CHANNEL);
    const alerts = report.arrivals.filter((a) => a.status === 200 && isAlert(a.text));
    const alertDelay = (ids: readonly string[]) =>
      Math.max(...ids.map((id) => Math.min(...alerts.filter((a) => a.conversationId === id).map((a) => at(a) - raisedAt))));
    const received = channel.filter((a) => a.status === 200 && !isAlert(a.text));
    return {
      instances,
      'status updates posted': updates,
      'posting took, ms': postedMs,
      'updates received by the channel': received.length,
      'most in any 30 s at the channel (limit 60)': maxInWindow(channel.map(at), 30_000),
      'most in any 2 s at the channel (limit 8)': maxInWindow(channel.map(at), 2_000),
      '429 answers (target 0)': report.arrivals.filter((a) => a.status === 429).length,
      'red alert → the busy channel, ms (target ≤ 5000)': alertDelay([CHANNEL]),
      'red alert → last of 20 other chats, ms (target ≤ 5000)': alertDelay(chats),
      'seconds until the last update': Number(((Math.max(...received.map(at)) - t0) / 1000).toFixed(1)),
    };
  } finally {
    await cluster.close();
  }
}
