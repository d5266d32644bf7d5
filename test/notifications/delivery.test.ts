/**
 * Proactive delivery end to end: alerts queued with the change that raised them, sent by the delivery
 * worker through the bot's adapter to the loopback connector, on the real store (embedded PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { claimOutbox } from '../../src/store/outbox-repo';
import { getConversation } from '../../src/store/conversations-repo';
import type { Store } from '../../src/store/store-types';
import { enqueueToConversations, enqueueToTopic } from '../../src/notifications/enqueue';
import type { DeliveryWorker } from '../../src/notifications/delivery-worker';
import { outboxStats } from '../../src/notifications/outbox-stats';
import { LoopbackConnector } from '../support/loopback-connector';
import { openStore } from '../../src/store/open-store';
import { dropIsolatedSchemas, isolatedPostgresUrl, POSTGRES_SKIP_REASON, testDatabaseUrl, truncateAll } from '../store/shared-store';
import { addConversations, anonymousAdapter, logArrivals, maxInWindow, workerStarter } from './delivery-harness';

const card = (title: string) => ({
  contentType: 'application/vnd.microsoft.card.adaptive',
  content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }] },
});

/**
 * Like test/store's describeEachEngine, but the embedded store is this file's own: the shared test
 * store also has the shared bot's delivery worker polling it, which would take part in these sends.
 */
function eachEngine(title: string, body: (open: () => Promise<Store>) => void): void {
  for (const engine of ['embedded PGlite', 'PostgreSQL'] as const) {
    describe(`${title} (${engine})`, () => {
      if (engine === 'PostgreSQL' && !testDatabaseUrl()) return void it.skip(POSTGRES_SKIP_REASON, () => undefined);
      let store: Store | undefined;
      body(async () => {
        store ??= await openStore(
          engine === 'PostgreSQL'
            ? { dataDir: '.data-unused', databaseUrl: await isolatedPostgresUrl() }
            : { dataDir: '.data-unused', inMemory: true },
        );
        await truncateAll(store);
        return store;
      });
      after(async () => {
        await store?.close();
        await dropIsolatedSchemas();
      });
    });
  }
}

eachEngine('proactive delivery', (open) => {
  let store: Store;
  let connector: LoopbackConnector;
  const workers: DeliveryWorker[] = [];
  const adapter = anonymousAdapter();

  const start = workerStarter(() => store, workers, adapter);

  /** Every message each conversation received, by text. */
  const received = (ids: readonly string[]) => ids.map((id) => connector.messages(id).map((m) => m.text ?? visibleTitle(m)));

  beforeEach(async () => {
    store = await open();
    connector = await new LoopbackConnector().listen();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await connector.close();
  });

  it('an alert queued with its change reaches every active follower of the topic once, however often it is raised', async () => {
    const followers = await addConversations(store, connector, 5, 'concerns');
    const [bystander] = await addConversations(store, connector, 1);
    assert.ok(bystander);
    const queued = await store.transaction((tx) =>
      enqueueToTopic(tx, { topic: 'concerns', dedupeKey: 'concern:C-1:raised', activity: { text: 'New concern C-1', attachments: [card('C-1')] } }),
    );
    assert.deepEqual(queued, { addressed: 5, queued: 5 });
    const again = await store.transaction((tx) =>
      enqueueToTopic(tx, { topic: 'concerns', dedupeKey: 'concern:C-1:raised', activity: { text: 'New concern C-1 (again)' } }),
    );
    assert.deepEqual(again, { addressed: 5, queued: 0 }, 'the same alert is not queued twice');

    const worker = start();
    await worker.drain(10_000);
    assert.deepEqual(
      received(followers),
      followers.map(() => ['New concern C-1']),
    );
    assert.deepEqual(received([bystander]), [[]]);
    const [first] = followers;
    assert.ok(first);
    const sent = connector.messages(first)[0];
    assert.equal(sent?.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(String(sent?.channelData?.clientActivityId), /^outbox-\d+$/, 'each message carries its stable outbox id');
    assert.equal(sent?.replyToId, undefined, 'a new post, not a reply to the install activity');
    assert.deepEqual(await outboxStats(store), { pending: 0, sending: 0, sent: 5, failed: 0, dead: 0 });
  });

  it('an alert whose transaction rolls back is never sent, and a malformed activity is refused at enqueue', async () => {
    const ids = await addConversations(store, connector, 2);
    await assert.rejects(
      store.transaction(async (tx) => {
        await enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'k1', activity: { text: 'should not go' } });
        throw new Error('the status update failed');
      }),
    );
    await assert.rejects(
      store.transaction((tx) => enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'k2', activity: { text: '  ' } })),
      /text or an attachment/,
    );
    await start().drain(5_000);
    assert.deepEqual(received(ids), [[], []]);
    assert.equal((await outboxStats(store)).sent, 0);
  });

  it('when the connector answers some sends with 429 + Retry-After, some with 5xx and some not at all, every alert still arrives exactly once', async () => {
    const ids = await addConversations(store, connector, 24, 'workstreams:all');
    const log = logArrivals(connector, (conversationId, _body, nth) => {
      const i = ids.indexOf(conversationId);
      if (nth > 2) return undefined;
      if (i % 4 === 0) return { status: 429, retryAfter: 0.2 };
      if (i % 4 === 1) return { status: nth === 1 ? 500 : 503 };
      if (i % 4 === 2 && nth === 1) return 'hang';
      return undefined;
    });
    for (const week of ['2025-W14', '2025-W15']) {
      await store.transaction((tx) =>
        enqueueToTopic(tx, { topic: 'workstreams:all', dedupeKey: `digest:${week}`, activity: { text: `Digest ${week}` } }),
      );
    }
    const worker = start();
    await worker.drain(20_000);
    for (const [i, got] of received(ids).entries()) assert.deepEqual([...got].sort(), ['Digest 2025-W14', 'Digest 2025-W15'], `conversation ${i}`);
    assert.ok(
      log.some((a) => a.refused === 429) && log.some((a) => a.refused === 500) && log.some((a) => a.refused === 'hang'),
      'every failure kind happened',
    );
    const retried429 = ids.filter((_, i) => i % 4 === 0).map((id) => log.filter((a) => a.conversationId === id).map((a) => a.at));
    for (const times of retried429) assert.ok((times[2] ?? 0) - (times[0] ?? Infinity) >= 190, 'Retry-After was honoured');
    assert.deepEqual(await outboxStats(store), { pending: 0, sending: 0, sent: 48, failed: 0, dead: 0 });
  });

  it('a worker stopped half-way through a fan-out hands its claims back, and the next worker delivers the rest once', async () => {
    const ids = await addConversations(store, connector, 60, 'concerns');
    logArrivals(connector);
    await store.transaction((tx) =>
      enqueueToTopic(tx, { topic: 'concerns', dedupeKey: 'deadline:C-9:2025-04-07', activity: { text: 'Deadline today' } }),
    );
    const a = start({ ratePerSecond: 40 });
    while (connector.conversationIds().length < 15) await new Promise((r) => setTimeout(r, 10));
    await a.stop();
    const sentByA = connector.conversationIds().length;
    assert.ok(sentByA < 60, `A sent ${sentByA} before stopping`);
    assert.equal((await outboxStats(store)).sending, 0, 'A released what it had claimed');

    await start().drain(10_000);
    assert.deepEqual(
      received(ids),
      ids.map(() => ['Deadline today']),
    );
  });

  it('answers that arrive together are recorded together, in a few statements rather than one each', async () => {
    const ids = await addConversations(store, connector, 40);
    let markStatements = 0;
    const counting: Store = {
      ...store,
      query: (sql, params) => {
        if (/^\s*UPDATE outbox[\s\S]*SET state = 'sent'/.test(sql)) markStatements += 1;
        return store.query(sql, params);
      },
    };
    connector.gate = (conversationId, _body, method) => (conversationId && method === 'POST' ? 'hold' : undefined);
    await store.transaction((tx) => enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'burst', activity: { text: 'Burst' } }));
    const worker = start({ store: counting, ratePerSecond: 100 });
    while (connector.requests.filter((r) => r.method === 'POST').length < ids.length) await new Promise((r) => setTimeout(r, 10));
    // The connector stalled and now answers all 40 at once: each success must be on record right away,
    // not behind 39 others' statements (a kill -9 in that queue would send them all again).
    connector.releaseHeld();
    await worker.drain(10_000);
    assert.deepEqual(
      received(ids),
      ids.map(() => ['Burst']),
    );
    assert.ok(markStatements <= 10, `${markStatements} statements recorded 40 deliveries (one each would be 40)`);
  });

  it('messages claimed by a worker that died are delivered once its lease runs out', async () => {
    const ids = await addConversations(store, connector, 6);
    await store.transaction((tx) =>
      enqueueToConversations(tx, { conversationIds: ids, dedupeKey: 'status:ws-2:7', activity: { text: 'Status: at risk' } }),
    );
    const abandoned = await claimOutbox(store, 'crashed-instance', 4, 400);
    assert.equal(abandoned.length, 4);
    const t0 = Date.now();
    await start().drain(10_000);
    assert.deepEqual(
      received(ids),
      ids.map(() => ['Status: at risk']),
    );
    assert.ok(Date.now() - t0 >= 350, 'the crashed claims waited for their lease');
  });

  it('two workers on one store deliver each message once and share the work', async () => {
    const ids = await addConversations(store, connector, 40, 'workstream:send-sufficiency');
    logArrivals(connector);
    for (const n of [1, 2, 3]) {
      await store.transaction((tx) =>
        enqueueToTopic(tx, {
          topic: ['workstream:send-sufficiency', 'workstreams:all'],
          dedupeKey: `workstream-update:${n}`,
          activity: { text: `Update ${n}` },
        }),
      );
    }
    // 20/s each: a claim is 2 × the rate, so neither worker can take all 120 at once.
    const [one, two] = [start({ workerId: 'one', ratePerSecond: 20 }), start({ workerId: 'two', ratePerSecond: 20 })];
    await Promise.all([one.drain(15_000), two.drain(15_000)]);
    for (const got of received(ids)) assert.deepEqual([...got].sort(), ['Update 1', 'Update 2', 'Update 3']);
    const byWorker = await store.query<{ claimed_by: string; n: string | number }>(
      `SELECT claimed_by, count(*) AS n FROM outbox WHERE state = 'sent' GROUP BY claimed_by ORDER BY claimed_by`,
    );
    assert.deepEqual(
      byWorker.map((r) => r.claimed_by),
      ['one', 'two'],
      'both workers sent some',
    );
  });

  it('403 or 404 marks the conversation inactive: its queued messages are dropped and later alerts skip it', async () => {
    const [removed, deleted, ...others] = await addConversations(store, connector, 5, 'concerns');
    assert.ok(removed && deleted);
    const log = logArrivals(connector, (id) => (id === removed ? { status: 403 } : id === deleted ? { status: 404 } : undefined));
    for (const n of [1, 2, 3])
      await store.transaction((tx) =>
        enqueueToTopic(tx, { topic: 'concerns', dedupeKey: `concern:C-${n}:raised`, activity: { text: `Concern ${n}` } }),
      );
    const worker = start({ ratePerConversation: 1, teamsThreadWindows: false });
    await worker.drain(10_000);
    assert.equal(log.filter((a) => a.conversationId === removed).length, 1, 'no more sends after the 403');
    assert.equal(log.filter((a) => a.conversationId === deleted).length, 1, 'no more sends after the 404');
    assert.equal((await getConversation(store, removed))?.active, false);
    assert.equal((await getConversation(store, deleted))?.active, false);
    assert.deepEqual(await outboxStats(store), { pending: 0, sending: 0, sent: 9, failed: 0, dead: 6 });

    const next = await store.transaction((tx) =>
      enqueueToTopic(tx, { topic: 'concerns', dedupeKey: 'concern:C-4:raised', activity: { text: 'Concern 4' } }),
    );
    assert.deepEqual(next, { addressed: 3, queued: 3 });
    worker.wake();
    await worker.drain(5_000);
    for (const got of received(others)) assert.deepEqual([...got].sort(), ['Concern 1', 'Concern 2', 'Concern 3', 'Concern 4']);
  });

  it('keeps to the per-conversation and overall rates, measured where Teams measures them', async () => {
    const [busy] = await addConversations(store, connector, 1);
    assert.ok(busy);
    const quiet = await addConversations(store, connector, 45);
    const log = logArrivals(connector);
    await store.transaction(async (tx) => {
      for (let n = 0; n < 14; n++)
        await enqueueToConversations(tx, { conversationIds: [busy], dedupeKey: `burst:${n}`, activity: { text: `Burst ${n}` } });
      await enqueueToConversations(tx, { conversationIds: quiet, dedupeKey: 'digest', activity: { text: 'Digest' } });
    });
    // A wider margin than the default 25 ms: on a loaded CI machine the in-process connector sees more
    // arrival jitter than Teams' edge would; the limits themselves are what is measured here.
    await start({ ratePerSecond: 20, ratePerConversation: 5, teamsThreadWindows: false, windowMarginMs: 100 }).drain(15_000);
    assert.equal(connector.messages(busy).length, 14);
    assert.equal(log.length, 59);
    assert.ok(
      maxInWindow(
        log.filter((a) => a.conversationId === busy).map((a) => a.at),
        1000,
      ) <= 5,
      'per conversation ≤ 5 in any second',
    );
    assert.ok(
      maxInWindow(
        log.map((a) => a.at),
        1000,
      ) <= 20,
      'overall ≤ 20 in any second',
    );
    assert.deepEqual(
      connector.messages(busy).map((m) => m.text),
      Array.from({ length: 14 }, (_, n) => `Burst ${n}`),
      'in the order queued',
    );
  });
});

function visibleTitle(m: { attachments?: { content: Record<string, unknown> }[] }): string {
  return JSON.stringify(m.attachments?.[0]?.content ?? null);
}
