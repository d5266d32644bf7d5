import assert from 'node:assert/strict';
import { BotStateStorage, StateWriteError } from '../../src/store/bot-state-storage';
import type { Store } from '../../src/store/store-types';
import { describeEachEngine } from './shared-store';

describeEachEngine('bot state storage (botbuilder Storage)', (engine) => {
  let store: Store;
  let storage: BotStateStorage;
  beforeEach(async () => {
    store = await engine.open();
    storage = new BotStateStorage(store);
  });

  it('reads back what was written with a fresh eTag, and nothing for unknown keys', async () => {
    await storage.write({ 'conv/1': { topic: 'ehcp', count: 1 } });
    const items = await storage.read(['conv/1', 'conv/none']);
    assert.deepEqual(Object.keys(items), ['conv/1']);
    assert.equal(items['conv/1'].topic, 'ehcp');
    assert.equal(typeof items['conv/1'].eTag, 'string');
  });

  it('when two turns read the same state and both write, the second fails with an eTag conflict and the first is kept', async () => {
    await storage.write({ 'conv/1': { count: 0 } });
    const turnA = (await storage.read(['conv/1']))['conv/1'];
    const turnB = (await storage.read(['conv/1']))['conv/1'];
    await storage.write({ 'conv/1': { ...turnA, count: 1 } });
    await assert.rejects(storage.write({ 'conv/1': { ...turnB, count: 2 } }), /eTag conflict/);
    assert.equal((await storage.read(['conv/1']))['conv/1'].count, 1);
  });

  it('a first write without an eTag conflicts when another turn already created the state', async () => {
    await storage.write({ 'user/1': { name: 'A' } });
    await assert.rejects(storage.write({ 'user/1': { name: 'B' } }), /eTag conflict/);
  });

  it('many turns at once: each reads its own items and writes its own state, and of two racing on one conversation exactly one wins', async () => {
    await storage.write({ 'conv/shared': { count: 0 } });
    const base = (await storage.read(['conv/shared']))['conv/shared'];
    const turns = Array.from({ length: 30 }, (_, i) => storage.write({ [`conv/${i}`]: { n: i } }));
    const racers = [storage.write({ 'conv/shared': { ...base, count: 1 } }), storage.write({ 'conv/shared': { ...base, count: 2 } })];
    await Promise.all(turns);
    const outcomes = await Promise.allSettled(racers);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const winner = outcomes.findIndex((o) => o.status === 'fulfilled') + 1;
    const reads = await Promise.all(Array.from({ length: 30 }, (_, i) => storage.read([`conv/${i}`, 'conv/shared'])));
    reads.forEach((items, i) => {
      assert.equal(items[`conv/${i}`].n, i);
      assert.equal(items['conv/shared'].count, winner);
      assert.equal(Object.keys(items).length, 2);
    });
  });

  it('when one of many turns saved together holds text the database refuses, only that turn fails and the rest are written', async () => {
    const grouped = new BotStateStorage(store, { groupCommitMs: 20 });
    await grouped.write({ 'conv/existing': { n: 0 } });
    const existing = (await grouped.read(['conv/existing']))['conv/existing'];
    const writes = [
      ...Array.from({ length: 10 }, (_, i) => grouped.write({ [`conv/ok-${i}`]: { lastQuestion: `question ${i}` } })),
      grouped.write({ 'conv/existing': { ...existing, n: 1 } }),
      grouped.write({ 'conv/bad-nul': { lastQuestion: 'a\u0000b' } }),
      grouped.write({ 'conv/bad-surrogate': { lastQuestion: 'x\ud800y' } }),
    ];
    const outcomes = await Promise.allSettled(writes);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      [...Array(11).fill('fulfilled'), 'rejected', 'rejected'],
    );
    for (const o of outcomes.slice(11)) {
      assert.ok(o.status === 'rejected' && o.reason instanceof StateWriteError && o.reason.unstorable, 'a StateWriteError that blames the document');
    }
    const items = await grouped.read([...Array.from({ length: 10 }, (_, i) => `conv/ok-${i}`), 'conv/existing', 'conv/bad-nul']);
    assert.equal(Object.keys(items).length, 11);
    assert.equal(items['conv/existing'].n, 1);
  });

  it('"*" overwrites whatever is there', async () => {
    await storage.write({ 'conv/1': { count: 0 } });
    await storage.write({ 'conv/1': { count: 5, eTag: '*' } });
    assert.equal((await storage.read(['conv/1']))['conv/1'].count, 5);
  });

  it('saving the same item twice in one turn does not conflict with itself, and the eTag changes each time', async () => {
    await storage.write({ 'conv/1': { count: 0 } });
    const item = (await storage.read(['conv/1']))['conv/1'];
    const first = item.eTag;
    item.count = 1;
    await storage.write({ 'conv/1': item });
    item.count = 2;
    await storage.write({ 'conv/1': item });
    const stored = (await storage.read(['conv/1']))['conv/1'];
    assert.equal(stored.count, 2);
    assert.notEqual(stored.eTag, first);
  });

  it('a batch with one conflict writes none of its items', async () => {
    await storage.write({ 'conv/1': { v: 1 }, 'user/1': { v: 1 } });
    const stale = (await storage.read(['user/1']))['user/1'];
    await storage.write({ 'user/1': { ...stale, v: 2 } });
    await assert.rejects(storage.write({ 'conv/2': { v: 1 }, 'user/1': { ...stale, v: 3 } }), /eTag conflict/);
    assert.deepEqual(Object.keys(await storage.read(['conv/2'])), []);
  });

  it('deletes items, after which a first write succeeds again', async () => {
    await storage.write({ 'conv/1': { v: 1 } });
    await storage.delete(['conv/1']);
    assert.deepEqual(await storage.read(['conv/1']), {});
    await storage.write({ 'conv/1': { v: 2 } });
    assert.equal((await storage.read(['conv/1']))['conv/1'].v, 2);
  });

  it('on a database of its own, reading keys that were never written asks the database nothing; what any storage object writes is seen', async function () {
    if (engine.name !== 'embedded') this.skip();
    let queries = 0;
    const counting = { ...store, query: (sql: string, params?: readonly unknown[]) => (queries++, store.query(sql, params)) } as Store;
    const a = new BotStateStorage(counting, { exclusive: true });
    const b = new BotStateStorage(counting, { exclusive: true, groupCommitMs: 2 });
    await a.read(['warm-up']);
    queries = 0;
    assert.deepEqual(await a.read(['conv/new', 'user/new']), {});
    assert.equal(queries, 0);
    await b.write({ 'conv/new': { hello: 'world' } });
    assert.equal((await a.read(['conv/new', 'user/new']))['conv/new'].hello, 'world');
    await assert.rejects(a.write({ 'conv/new': { hello: 'again' } }), /eTag conflict/);
    await a.delete(['conv/new']);
    queries = 0;
    assert.deepEqual(await b.read(['conv/new']), {});
    assert.equal(queries, 0);
  });
});
