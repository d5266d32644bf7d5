/**
 * Delivery as several instances share it: Teams' limits kept together through the budgets in the store,
 * a Retry-After seen by one worker pausing the others, alerts before digests, a busy channel not starving
 * the rest, and card rewrites coalesced. On the real stores (embedded PGlite, and PostgreSQL when
 * TEST_DATABASE_URL is set, where each worker has a connection pool of its own, as an instance would).
 */
import assert from 'node:assert/strict';
import type { DeliveryWorker } from '../../src/notifications/delivery-worker';
import { enqueueReplacement, enqueueToConversations } from '../../src/notifications/enqueue';
import { outboxStats } from '../../src/notifications/outbox-stats';
import { getConversation } from '../../src/store/conversations-repo';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store-types';
import { LoopbackConnector } from '../support/loopback-connector';
import { forkThrottlingConnector, type ForkedConnector } from '../support/throttling-connector';
import { dropIsolatedSchemas, isolatedPostgresUrl, POSTGRES_SKIP_REASON, testDatabaseUrl, truncateAll } from '../store/shared-store';
import { addConversations, anonymousAdapter, logArrivals, workerStarter } from './delivery-harness';

for (const engine of ['embedded PGlite', 'PostgreSQL'] as const) {
  describe(`delivery shared by several workers (${engine})`, () => {
    if (engine === 'PostgreSQL' && !testDatabaseUrl()) return void it.skip(POSTGRES_SKIP_REASON, () => undefined);
    let url: string | undefined;
    let store: Store;
    /** A second store on the same database: another instance's pool (the embedded store has only one). */
    let other: Store;
    let connector: LoopbackConnector;
    const workers: DeliveryWorker[] = [];
    const adapter = anonymousAdapter();

    before(async () => {
      if (engine === 'PostgreSQL') url = await isolatedPostgresUrl();
      store = await openStore({ dataDir: '.data-unused', inMemory: !url, databaseUrl: url });
      other = url ? await openStore({ dataDir: '.data-unused', databaseUrl: url }) : store;
    });
    after(async () => {
      if (other !== store) await other.close();
      await store.close();
      await dropIsolatedSchemas();
    });
    beforeEach(async () => {
      await truncateAll(store);
      connector = await new LoopbackConnector().listen();
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await connector.close();
    });

    const start = workerStarter(() => store, workers, adapter);

    it('two workers together keep within the tenant and conversation limits a connector enforces: no 429, none lost or sent twice', async function () {
      this.timeout(60_000);
      // In a process of its own, as Teams is: a connector on the workers' event loop would stamp arrivals
      // late whenever that loop is busy (the embedded store runs on it), and see bunching that Teams would not.
      const strict: ForkedConnector = await forkThrottlingConnector({ tenantPerSecond: 20 });
      try {
        const ids = await addConversations(store, connector, 60);
        // Point the conversations at the enforcing connector instead.
        await store.query(`UPDATE conversations SET reference = jsonb_set(reference, '{serviceUrl}', to_jsonb($1::text)), service_url = $1`, [
          strict.url,
        ]);
        const busy = ids.slice(0, 2);
        const [firstBusy] = busy;
        assert.ok(firstBusy);
        await store.transaction(async (tx) => {
          await enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'alert', activity: { text: 'Alert' } });
          for (let n = 0; n < 10; n++)
            await enqueueToConversations(tx, { conversationIds: busy, dedupeKey: `update-${n}`, activity: { text: `Update ${n}` } });
        });
        // Each alone would send 20 a second; together they must share the 20. A wide margin: the limits are
        // what is tested here, not how little room a loaded test machine leaves.
        const options = { ratePerSecond: 20, windowMarginMs: 100 };
        await Promise.all([start({ ...options, workerId: 'one' }).drain(40_000), start({ ...options, workerId: 'two', store: other }).drain(40_000)]);
        const report = await strict.report();
        assert.deepEqual(report.throttledBy, {}, 'no window was ever full');
        const accepted = report.arrivals.filter((a) => a.status === 200);
        assert.equal(accepted.length, 80);
        assert.equal(new Set(accepted.map((a) => a.outboxId)).size, 80, 'each row once');
        const byWorker = await store.query<{ claimed_by: string }>(`SELECT DISTINCT claimed_by FROM outbox WHERE state = 'sent' ORDER BY 1`);
        assert.deepEqual(
          byWorker.map((r) => r.claimed_by),
          ['one', 'two'],
          'both sent',
        );
        const busyTexts = accepted.filter((a) => a.conversationId === firstBusy).map((a) => a.text);
        assert.deepEqual(
          busyTexts.filter((t) => t !== 'Alert'),
          Array.from({ length: 10 }, (_, n) => `Update ${n}`),
          'a conversation gets its messages in order',
        );
      } finally {
        await strict.close();
      }
    });

    it('a Retry-After seen by one worker holds that conversation for the others until it expires', async function () {
      this.timeout(30_000);
      const [throttledHere, elsewhere] = await addConversations(store, connector, 2);
      assert.ok(throttledHere && elsewhere);
      let first429At = 0;
      const log = logArrivals(connector, (id, _body, nth) => {
        if (id !== throttledHere || nth > 1) return undefined;
        first429At = Date.now();
        return { status: 429, retryAfter: 2 };
      });
      await store.transaction(async (tx) => {
        await enqueueToConversations(tx, { conversationIds: [throttledHere], dedupeKey: 'first', activity: { text: 'First' } });
        await enqueueToConversations(tx, { conversationIds: [throttledHere, elsewhere], dedupeKey: 'second', activity: { text: 'Second' } });
      });
      const a = start({ workerId: 'a' });
      while (!first429At) await new Promise((r) => setTimeout(r, 10));
      await a.stop(); // hands back what it held, due now
      workers.splice(workers.indexOf(a), 1);
      await start({ workerId: 'b', store: other }).drain(15_000);
      // (The refused attempt itself is logged just after first429At is read, and a millisecond may pass between.)
      const later = log.filter((x) => x.conversationId === throttledHere && !x.refused && x.at > first429At);
      assert.equal(later.length, 2, 'both messages arrived in the end');
      for (const x of later) assert.ok(x.at - first429At >= 1_900, `worker b sent ${x.at - first429At} ms after the 429 (Retry-After: 2 s)`);
      assert.ok(
        log.some((x) => x.conversationId === elsewhere && x.at - first429At < 1_500),
        'other conversations were not held',
      );
    });

    it('an alert queued behind a large digest goes out within a second or two, before the digest is done', async function () {
      this.timeout(30_000);
      const ids = await addConversations(store, connector, 80);
      const log = logArrivals(connector);
      await store.transaction((tx) =>
        enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'digest', activity: { text: 'Digest' }, priority: 'digest' }),
      );
      const worker = start({ ratePerSecond: 20 });
      while (log.length < 10) await new Promise((r) => setTimeout(r, 10));
      const raisedAt = Date.now();
      await store.transaction((tx) =>
        enqueueToConversations(tx, { conversationIds: ids.slice(-3), dedupeKey: 'red', activity: { text: 'Red alert' }, priority: 'alert' }),
      );
      worker.wake();
      await worker.drain(20_000);
      const alerts = log.filter((x) => x.text === 'Red alert');
      assert.equal(alerts.length, 3);
      for (const x of alerts) assert.ok(x.at - raisedAt < 2_000, `alert after ${x.at - raisedAt} ms`);
      const lastAlert = Math.max(...alerts.map((x) => x.at));
      assert.ok(log.filter((x) => x.text === 'Digest' && x.at > lastAlert).length > 20, 'most of the digest still to go when the alerts arrived');
    });

    it('a channel with a burst of updates gets them at its own pace while every other conversation is served', async function () {
      this.timeout(30_000);
      const [busy, ...quiet] = await addConversations(store, connector, 31);
      assert.ok(busy);
      const log = logArrivals(connector);
      await store.transaction(async (tx) => {
        for (let n = 0; n < 20; n++)
          await enqueueToConversations(tx, { conversationIds: [busy], dedupeKey: `update-${n}`, activity: { text: `Update ${n}` } });
        await enqueueToConversations(tx, { conversationIds: quiet, dedupeKey: 'update-other', activity: { text: 'Other' } });
      });
      const t0 = Date.now();
      // The busy channel may take 3 a second; the tenant 30.
      await start({ ratePerSecond: 30, ratePerConversation: 3, teamsThreadWindows: false }).drain(20_000);
      const quietDone = Math.max(...log.filter((x) => x.conversationId !== busy).map((x) => x.at));
      const busyDone = Math.max(...log.filter((x) => x.conversationId === busy).map((x) => x.at));
      assert.equal(log.length, 50);
      assert.ok(quietDone - t0 < 3_000, `the others were served within ${quietDone - t0} ms`);
      assert.ok(busyDone - t0 > 4_000, 'the busy channel took its time (20 at 3 a second)');
    });

    it('rewrites each posted copy with only its latest card, and drops a copy Teams no longer has without marking the conversation gone', async function () {
      this.timeout(30_000);
      const [c1, c2] = await addConversations(store, connector, 2);
      assert.ok(c1 && c2);
      const gone: { conversationId: string; activityId: string }[] = [];
      const puts = () => connector.requests.filter((r) => r.method === 'PUT');
      let holdPuts = true;
      connector.gate = (id, _body, method) => {
        if (method !== 'PUT') return undefined;
        if (id === c2) return { status: 404, code: 'ActivityNotFound' };
        return holdPuts ? 'hold' : undefined;
      };
      const card = (v: number) => ({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `v${v}` }] },
          },
        ],
      });
      const copies = (v: number) => [
        { conversationId: c1, activityId: 'card-1', activity: card(v) },
        { conversationId: c2, activityId: 'card-2', activity: card(v) },
      ];
      for (const v of [1, 2, 3]) await store.transaction((tx) => enqueueReplacement(tx, copies(v)));
      const worker = start({ onCopyGone: async (copy) => void gone.push(copy) });
      while (puts().filter((p) => p.path.includes(encodeURIComponent(c1))).length < 1) await new Promise((r) => setTimeout(r, 10));
      // A newer card while v3 is on its way: v4 follows it, and nothing older.
      await store.transaction((tx) => enqueueReplacement(tx, copies(4)));
      holdPuts = false;
      connector.releaseHeld();
      await worker.drain(10_000);
      const texts = (id: string) =>
        puts()
          .filter((p) => p.path.includes(encodeURIComponent(id)))
          .map((p) => JSON.stringify(p.body).match(/"v(\d)"/)?.[1]);
      assert.deepEqual(texts(c1), ['3', '4'], 'v1 and v2 were never sent');
      assert.deepEqual(
        connector.activities(c1).map((a) => [a.id, a.updated]),
        [['card-1', true]],
      );
      assert.deepEqual(gone, [{ conversationId: c2, activityId: 'card-2' }]);
      assert.equal((await getConversation(store, c2))?.active, true, 'the conversation is not gone, only that copy');
      assert.equal(await store.transaction((tx) => enqueueReplacement(tx, copies(5))), 1, 'the gone copy is not queued again');
      await store.transaction((tx) => enqueueToConversations(tx, { conversationIds: [c2], dedupeKey: 'later', activity: { text: 'Still here' } }));
      worker.wake();
      await worker.drain(10_000);
      assert.deepEqual(
        connector.messages(c2).map((m) => m.text),
        ['Still here'],
      );
      assert.deepEqual(await outboxStats(store), { pending: 0, sending: 0, sent: 2, failed: 0, dead: 1 });
    });
  });
}
