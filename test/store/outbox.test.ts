import assert from 'node:assert/strict';
import {
  claimOutbox,
  countOutboxByState,
  enqueueOutbox,
  getOutboxMessage,
  markOutboxDead,
  markOutboxRetry,
  markOutboxSent,
} from '../../src/store/outbox-repo';
import { openStore } from '../../src/store/open-store';
import type { Store } from '../../src/store/store-types';
import { describeEachEngine, truncateAll } from './shared-store';

const alert = (conversationId: string, dedupeKey: string) => ({ conversationId, dedupeKey, payload: { text: dedupeKey } });

describeEachEngine('notification outbox', (engine) => {
  let store: Store;
  // Not the run-wide embedded store: the shared test bot's delivery worker polls that one, and would
  // claim these rows itself as soon as a lease in the tests below runs out.
  let own: Store | undefined;
  beforeEach(async () => {
    if (engine.name === 'embedded') {
      own ??= await openStore({ dataDir: '.data-unused', inMemory: true });
      await truncateAll(own);
      store = own;
    } else {
      store = await engine.open();
    }
  });
  after(async () => own?.close());

  it('queues an alert once per conversation however often it is raised', async () => {
    assert.equal(await enqueueOutbox(store, [alert('c1', 'status:ws-a:1'), alert('c2', 'status:ws-a:1')]), 2);
    assert.equal(await enqueueOutbox(store, [alert('c1', 'status:ws-a:1'), alert('c1', 'status:ws-a:2')]), 1);
    assert.equal((await countOutboxByState(store)).pending, 3);
  });

  it('an alert queued in a transaction that rolls back is never sent', async () => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await enqueueOutbox(tx, [alert('c1', 'k')]);
        throw new Error('status update failed');
      }),
    );
    assert.equal((await countOutboxByState(store)).pending, 0);
  });

  it('never hands one message to two claimers, even when they claim at the same moment', async () => {
    await enqueueOutbox(store, Array.from({ length: 60 }, (_, i) => alert(`c${i % 7}`, `k${i}`)));
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, w) => store.transaction((tx) => claimOutbox(tx, `worker-${w}`, 15, 60_000))),
    );
    const ids = claims.flat().map((m) => m.id);
    assert.equal(ids.length, 60, 'all claimed');
    assert.equal(new Set(ids).size, 60, 'none twice');
    assert.deepEqual(await claimOutbox(store, 'late', 10, 60_000), []);
    assert.equal((await countOutboxByState(store)).sending, 60);
  });

  it('does not claim a retry before its time, and reclaims a message whose worker died once the lease ends', async () => {
    await enqueueOutbox(store, [alert('c1', 'a'), alert('c1', 'b'), { ...alert('c1', 'later'), notBefore: new Date(Date.now() + 3_600_000) }]);
    const [a, b] = await claimOutbox(store, 'w1', 10, 50);
    assert.deepEqual([a?.dedupeKey, b?.dedupeKey, a?.attempts], ['a', 'b', 1]);
    assert.ok(a && b);

    assert.equal(await markOutboxRetry(store, a.id, new Date(Date.now() + 3_600_000), '429 Too Many Requests'), true);
    await new Promise((r) => setTimeout(r, 80));
    const reclaimed = await claimOutbox(store, 'w2', 10, 60_000);
    assert.deepEqual(reclaimed.map((m) => [m.dedupeKey, m.claimedBy, m.attempts]), [['b', 'w2', 2]]);
    assert.equal((await getOutboxMessage(store, a.id))?.lastError, '429 Too Many Requests');
  });

  it('records the sent activity id, gives up on dead messages and counts each state', async () => {
    await enqueueOutbox(store, [alert('c1', 'a'), alert('c2', 'b'), alert('c3', 'c')]);
    const [a, b, c] = await claimOutbox(store, 'w1', 10, 60_000);
    assert.ok(a && b && c);
    assert.equal(await markOutboxSent(store, a.id, 'activity-123'), true);
    assert.equal(await markOutboxDead(store, b.id, '403 bot removed'), true);
    assert.equal(await markOutboxRetry(store, b.id, new Date(), 'late retry'), false, 'a dead message stays dead');
    await markOutboxRetry(store, c.id, new Date(0), 'timeout');
    assert.equal((await getOutboxMessage(store, a.id))?.sentActivityId, 'activity-123');
    assert.deepEqual(await countOutboxByState(store), { pending: 0, sending: 0, sent: 1, failed: 1, dead: 1 });
    assert.deepEqual((await claimOutbox(store, 'w2', 10, 60_000)).map((m) => m.dedupeKey), ['c'], 'a due retry is claimed again');
  });
});
