import assert from 'node:assert/strict';
import { BotStateStorage } from '../../src/store/bot-state-storage';
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
});
