import assert from 'node:assert/strict';
import {
  conversationScope,
  countRecentThrottles,
  getBudget,
  pauseScope,
  recordThrottle,
  reserveConversationSlots,
  takeTenantSlots,
  tenantScope,
} from '../../src/store/delivery-budget-repo';
import type { Store } from '../../src/store/store-types';
import { describeEachEngine } from './shared-store';

const teams = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

describeEachEngine('delivery budgets', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
  });

  it('hands out a tenant schedule evenly spaced, each moment once, however many instances ask at once', async () => {
    const scope = tenantScope('t-1');
    // Twelve callers at once (on PostgreSQL, twelve pooled connections), five moments each.
    const answers = await Promise.all(Array.from({ length: 12 }, () => takeTenantSlots(store, scope, 5, 20, 0)));
    const all = answers.flatMap((a) => a.slots).sort((a, b) => a - b);
    assert.equal(all.length, 60);
    all.slice(1).forEach((t, i) => assert.ok(t - (all[i] ?? 0) >= 19.999, `moments ${i} and ${i + 1} are ${t - (all[i] ?? 0)} ms apart`));
    for (const a of answers) assert.ok((a.slots[0] ?? 0) >= a.dbNowMs - 50, 'no moment handed out lies in the past');
    const other = await takeTenantSlots(store, tenantScope('t-2'), 1, 20, 0);
    assert.ok((other.slots[0] ?? Infinity) < (all.at(-1) ?? 0), 'another tenant has a schedule of its own');
  });

  it('starts the schedule after a tenant-wide pause', async () => {
    const scope = tenantScope('t-1');
    const until = await pauseScope(store, scope, 2_000);
    const { slots, dbNowMs } = await takeTenantSlots(store, scope, 2, 20, 0);
    assert.ok(until - dbNowMs > 1_900);
    // Times travel as float milliseconds: equal up to a rounding of the last digit.
    assert.ok((slots[0] ?? 0) >= until - 0.01, 'nothing before the pause ends');
  });

  it('books a conversation only while every window has room, and says when the next one fits', async () => {
    const scope = conversationScope('c-1');
    const t0 = Date.now() + 10_000;
    const book = (atMs: number) => reserveConversationSlots(store, [{ scope, atMs }], teams);
    for (let i = 0; i < 7; i++) assert.equal((await book(t0 + i * 10)).accepted.size, 1, `send ${i + 1}`);
    const eighth = await book(t0 + 100);
    assert.equal(eighth.accepted.size, 0, 'the eighth inside one second is refused');
    assert.ok(Math.abs((eighth.refused.get(scope) ?? 0) - (t0 + 1_000)) < 1, 'it fits once the first leaves the second');
    assert.equal((await book(t0 + 1_000)).accepted.size, 1, 'one second after the first: 7 in the second, 8 in two');
    const ninth = await book(t0 + 1_500);
    assert.equal(ninth.accepted.size, 0, 'a ninth inside two seconds is refused');
    assert.ok(Math.abs((ninth.refused.get(scope) ?? 0) - (t0 + 2_000)) < 1);
    assert.equal((await book(t0 + 900)).accepted.size, 0, 'never before a send already booked');
    assert.equal((await getBudget(store, scope))?.recentMs.length, 8);
  });

  it('holds 60 in 30 s and 1 800 in an hour, sliding', async () => {
    const scope = conversationScope('c-hour');
    const t0 = Date.now() + 10_000;
    let at = t0;
    let accepted = 0;
    // Two a second is what 8-in-2 s allows; 60 of them fill the 30 s window.
    while (accepted < 60) {
      if ((await reserveConversationSlots(store, [{ scope, atMs: at }], teams)).accepted.size) accepted++;
      at += 500;
    }
    // `at` is now 30 s after the first: just before it, the window still holds 60.
    assert.equal((await reserveConversationSlots(store, [{ scope, atMs: at - 1 }], teams)).accepted.size, 0, 'the 61st inside 30 s is refused');
    assert.equal((await reserveConversationSlots(store, [{ scope, atMs: at }], teams)).accepted.size, 1, 'and fits once the first has left');
    const hourly = [{ limit: 3, windowMs: 3_600_000 }];
    const other = conversationScope('c-hourly');
    for (let i = 0; i < 3; i++)
      assert.equal((await reserveConversationSlots(store, [{ scope: other, atMs: t0 + i * 60_000 }], hourly)).accepted.size, 1);
    assert.equal((await reserveConversationSlots(store, [{ scope: other, atMs: t0 + 3_599_000 }], hourly)).accepted.size, 0);
    assert.equal((await reserveConversationSlots(store, [{ scope: other, atMs: t0 + 3_600_000 }], hourly)).accepted.size, 1);
  });

  it('books many conversations in one call, and two instances racing for one conversation never overbook it', async () => {
    const t0 = Date.now() + 10_000;
    const many = Array.from({ length: 50 }, (_, i) => ({ scope: conversationScope(`c-${i}`), atMs: t0 }));
    assert.equal((await reserveConversationSlots(store, many, teams)).accepted.size, 50);
    const scope = conversationScope('c-busy');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => reserveConversationSlots(store, [{ scope, atMs: t0 + i }], teams)));
    const booked = outcomes.filter((o) => o.accepted.size).length;
    assert.ok(booked >= 1 && booked <= 7, `${booked} booked in one second`);
    assert.ok((await getBudget(store, scope))!.recentMs.length <= 7);
  });

  it('a paused conversation takes nothing before the pause ends, on any instance', async () => {
    const scope = conversationScope('c-paused');
    const until = await pauseScope(store, scope, 1_500);
    const early = await reserveConversationSlots(store, [{ scope, atMs: until - 100 }], teams);
    assert.equal(early.accepted.size, 0);
    assert.ok(Math.abs((early.refused.get(scope) ?? 0) - until) < 1, 'the hint is the end of the pause');
    assert.equal((await reserveConversationSlots(store, [{ scope, atMs: until }], teams)).accepted.size, 1);
  });

  it('counts throttling answers of the last minute by priority', async () => {
    await recordThrottle(store, { scope: conversationScope('c-1'), priority: 0, status: 429, retryAfterMs: 1000 });
    await recordThrottle(store, { scope: tenantScope('t'), priority: 3, status: 429 });
    await recordThrottle(store, { scope: tenantScope('t'), priority: 3, status: 429 });
    await store.query(`INSERT INTO delivery_throttles (scope, priority, status, at) VALUES ('old', 0, 429, now() - interval '5 minutes')`);
    assert.deepEqual([...(await countRecentThrottles(store, 60_000))].sort(), [
      [0, 1],
      [3, 2],
    ]);
  });
});
