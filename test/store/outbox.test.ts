import assert from 'node:assert/strict';
import {
  claimOutbox,
  countOutboxByState,
  enqueueOutbox,
  getOutboxMessage,
  markOutboxDead,
  markOutboxRetry,
  markOutboxSent,
  markOutboxSentMany,
  enqueueReplacements,
  listDeadLetters,
  retryDeadLetters,
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
    await enqueueOutbox(
      store,
      Array.from({ length: 60 }, (_, i) => alert(`c${i}`, `k${i}`)),
    );
    const ids: number[] = [];
    // Claimers racing for the same rows skip what another has locked, so a round may leave some for the next.
    for (let round = 0; round < 5 && ids.length < 60; round++) {
      const claims = await Promise.all(Array.from({ length: 6 }, (_, w) => store.transaction((tx) => claimOutbox(tx, `worker-${w}`, 15, 60_000))));
      ids.push(...claims.flat().map((m) => m.id));
    }
    assert.equal(ids.length, 60, 'all claimed');
    assert.equal(new Set(ids).size, 60, 'none twice');
    assert.deepEqual(await claimOutbox(store, 'late', 10, 60_000), []);
    assert.equal((await countOutboxByState(store)).sending, 60);
  });

  it('claims alerts before updates before digests, at most two rows of one conversation, and none of a conversation another worker is sending to', async () => {
    await enqueueOutbox(store, [
      ...Array.from({ length: 6 }, (_, i) => ({ ...alert('busy', `update-${i}`), priority: 1 })),
      { ...alert('quiet', 'digest'), priority: 3 },
      { ...alert('other', 'update'), priority: 1 },
      { ...alert('late', 'alert'), priority: 0 },
    ]);
    const first = await claimOutbox(store, 'w1', 4, 60_000);
    assert.deepEqual(
      first.map((m) => m.dedupeKey),
      ['alert', 'update-0', 'update-1', 'update'],
      'best priority first, two of the busy channel',
    );
    const second = await claimOutbox(store, 'w2', 10, 60_000);
    assert.deepEqual(
      second.map((m) => m.dedupeKey),
      ['digest'],
      'w1 is sending to busy: w2 leaves it alone',
    );
    assert.deepEqual(
      (await claimOutbox(store, 'w1', 10, 60_000, { skipConversations: ['busy'] })).map((m) => m.dedupeKey),
      [],
      'and w1 can say it has enough of it',
    );
    assert.deepEqual((await claimOutbox(store, 'w1', 10, 60_000, { maxPriority: 0 })).length, 0, 'only alerts, when asked');
    assert.deepEqual(
      (await claimOutbox(store, 'w1', 10, 60_000)).map((m) => m.dedupeKey),
      ['update-2', 'update-3'],
    );
  });

  it('keeps one rewrite per posted copy, with only the latest card, and does not revive a copy found gone', async () => {
    const copy = { conversationId: 'c1', targetActivityId: 'm-1', priority: 2 };
    assert.equal(
      await enqueueReplacements(store, [
        { ...copy, payload: { text: 'v1' } },
        { ...copy, payload: { text: 'v2' } },
      ]),
      1,
    );
    assert.equal(await enqueueReplacements(store, [{ ...copy, payload: { text: 'v3' } }]), 1);
    const [claimed] = await claimOutbox(store, 'w1', 10, 60_000);
    assert.ok(claimed);
    assert.deepEqual([claimed.kind, claimed.targetActivityId, claimed.payload], ['replace', 'm-1', { text: 'v3' }]);
    // A newer card while v3 is on its way: v3's success does not count, v4 goes next.
    await enqueueReplacements(store, [{ ...copy, payload: { text: 'v4' } }]);
    assert.deepEqual(await markOutboxSentMany(store, [{ id: claimed.id, version: claimed.version }]), new Set());
    const [again] = await claimOutbox(store, 'w1', 10, 60_000);
    assert.ok(again);
    assert.deepEqual([again.id, again.payload, again.attempts], [claimed.id, { text: 'v4' }, 1]);
    assert.deepEqual(await markOutboxSentMany(store, [{ id: again.id, version: again.version }]), new Set([again.id]));
    assert.equal((await countOutboxByState(store)).sent, 1);
    // Sent, then a newer card: queued again. Gone: never again.
    await enqueueReplacements(store, [{ ...copy, payload: { text: 'v5' } }]);
    const [third] = await claimOutbox(store, 'w1', 10, 60_000);
    assert.ok(third);
    assert.equal(await markOutboxDead(store, third.id, 'copy gone: 404 ActivityNotFound', third.version), true);
    assert.equal(await enqueueReplacements(store, [{ ...copy, payload: { text: 'v6' } }]), 0);
    assert.equal((await getOutboxMessage(store, third.id))?.state, 'dead');
  });

  it('lists dead letters newest first and puts the chosen ones back in the queue', async () => {
    await enqueueOutbox(store, [alert('c1', 'a'), alert('c2', 'b'), alert('c3', 'c')]);
    const claimed = await claimOutbox(store, 'w1', 10, 60_000);
    for (const m of claimed) await markOutboxDead(store, m.id, `gave up on ${m.dedupeKey}`);
    const dead = await listDeadLetters(store, 2);
    assert.deepEqual(
      dead.map((d) => d.dedupeKey),
      ['c', 'b'],
    );
    const [newest, second] = dead;
    assert.ok(newest && second);
    assert.deepEqual(
      (await listDeadLetters(store, 10, second.id)).map((d) => d.dedupeKey),
      ['a'],
      'the next page',
    );
    assert.deepEqual(await retryDeadLetters(store, [newest.id, 999_999]), [newest.id], 'only dead letters are requeued');
    const [requeued] = await claimOutbox(store, 'w2', 10, 60_000);
    assert.ok(requeued);
    assert.deepEqual([requeued.dedupeKey, requeued.attempts], ['c', 1]);
  });

  it('does not claim a retry before its time, and reclaims a message whose worker died once the lease ends', async () => {
    await enqueueOutbox(store, [alert('c1', 'a'), alert('c1', 'b'), { ...alert('c1', 'later'), notBefore: new Date(Date.now() + 3_600_000) }]);
    const [a, b] = await claimOutbox(store, 'w1', 10, 50);
    assert.deepEqual([a?.dedupeKey, b?.dedupeKey, a?.attempts], ['a', 'b', 1]);
    assert.ok(a && b);

    assert.equal(await markOutboxRetry(store, a.id, new Date(Date.now() + 3_600_000), '429 Too Many Requests'), true);
    await new Promise((r) => setTimeout(r, 80));
    const reclaimed = await claimOutbox(store, 'w2', 10, 60_000);
    assert.deepEqual(
      reclaimed.map((m) => [m.dedupeKey, m.claimedBy, m.attempts]),
      [['b', 'w2', 2]],
    );
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
    assert.deepEqual(
      (await claimOutbox(store, 'w2', 10, 60_000)).map((m) => m.dedupeKey),
      ['c'],
      'a due retry is claimed again',
    );
  });
});
