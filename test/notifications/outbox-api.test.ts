/**
 * The outbox for operators over HTTP (`/api/outbox`), on the shared test bot: counts per priority, dead
 * letters listed and sent again, the API key required, and a clear 400 for anything malformed.
 */
import assert from 'node:assert/strict';
import { claimOutbox, enqueueOutbox, getOutboxMessage, markOutboxDead } from '../../src/store/outbox-repo';
import { recordThrottle } from '../../src/store/delivery-budget-repo';
import { resetTestStore } from '../store/shared-store';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';

describe('the outbox API (/api/outbox)', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  const call = async (method: 'GET' | 'POST', route: string, body?: unknown, key = 'test-key-1') => {
    const res = await fetch(`${t.bot.url}${route}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
  };

  /** Two dead letters (a digest and an alert) to a conversation nobody knows: the worker never sends them. */
  const deadLetters = async (): Promise<number[]> => {
    const store = await resetTestStore();
    await enqueueOutbox(store, [
      { conversationId: 'a:nobody', dedupeKey: 'digest:2026-W10', payload: { text: 'Digest' }, priority: 3 },
      { conversationId: 'a:nobody', dedupeKey: 'concern:C-1:raised', payload: { text: 'Alert' }, priority: 0 },
    ]);
    const claimed = await claimOutbox(store, 'admin-test', 10, 60_000, { perConversation: 10 });
    for (const m of claimed) await markOutboxDead(store, m.id, `gave up after 8 attempts: 503`);
    return claimed.map((m) => m.id).sort((a, b) => a - b);
  };

  it('without a valid API key, every outbox route is 401', async () => {
    for (const [method, route] of [
      ['GET', '/api/outbox'],
      ['GET', '/api/outbox/dead'],
      ['POST', '/api/outbox/dead/retry'],
    ] as const) {
      assert.equal((await call(method, route, method === 'POST' ? { ids: [1] } : undefined, '')).status, 401, route);
      assert.equal((await call(method, route, method === 'POST' ? { ids: [1] } : undefined, 'wrong')).status, 401, route);
    }
  });

  it('shows, per priority, what is queued, in flight, sent, dead and throttled in the last minute', async () => {
    await deadLetters();
    const store = await resetTestStore();
    await enqueueOutbox(store, [
      { conversationId: 'a:nobody-yet', dedupeKey: 'status:1', payload: { text: 'Update' }, notBefore: new Date(Date.now() + 3_600_000) },
    ]);
    await recordThrottle(store, { scope: 'conversation:x', priority: 0, status: 429, retryAfterMs: 1000 });
    const res = await call('GET', '/api/outbox');
    assert.equal(res.status, 200);
    const body = res.json as Record<string, Record<string, number>>;
    assert.deepEqual(body.update, { queued: 1, inFlight: 0, sent: 0, dead: 0, throttledLastMinute: 0 });
    assert.deepEqual(body.alert, { queued: 0, inFlight: 0, sent: 0, dead: 0, throttledLastMinute: 1 });
    assert.deepEqual(Object.keys(body).sort(), ['alert', 'digest', 'refresh', 'total', 'update']);
    assert.equal(body.total?.queued, 1);
  });

  it('lists dead letters newest first with why they died, and sends the chosen ones again', async () => {
    const [older, newer] = await deadLetters();
    const listed = await call('GET', '/api/outbox/dead?limit=1');
    assert.equal(listed.status, 200);
    const letters = listed.json?.deadLetters as { id: number; priority: string; lastError: string }[];
    assert.deepEqual(
      letters.map((l) => [l.id, l.priority]),
      [[newer, 'alert']],
    );
    assert.match(letters[0]?.lastError ?? '', /gave up after 8 attempts/);
    assert.equal(listed.json?.next, `/api/outbox/dead?limit=1&before=${newer}`);
    const page2 = await call('GET', String(listed.json?.next));
    assert.deepEqual(
      (page2.json?.deadLetters as { id: number }[]).map((l) => l.id),
      [older],
    );

    const retried = await call('POST', '/api/outbox/dead/retry', { ids: [older, 424242] });
    assert.equal(retried.status, 200);
    assert.deepEqual(retried.json, { requeued: [older], notDead: [424242] });
  });

  it('refuses malformed input with a 400 that names the field', async () => {
    for (const query of ['limit=0', 'limit=501', 'limit=ten', 'before=-3', 'colour=red']) {
      const res = await call('GET', `/api/outbox/dead?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal((res.json?.error as { code: string }).code, 'BadRequest');
    }
    for (const body of [{}, { ids: [] }, { ids: ['seven'] }, { ids: [1.5] }, { ids: [1], also: true }, [1, 2], '']) {
      const res = await call('POST', '/api/outbox/dead/retry', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(JSON.stringify(res.json).includes('ids') || JSON.stringify(res.json).includes('(body)'), JSON.stringify(res.json));
    }
    assert.equal((await call('POST', '/api/outbox/dead/retry', '{"ids": [1', 'test-key-1')).status, 400, 'broken JSON');
  });

  it('a retried dead letter is queued again with its attempts reset, and the delivery worker takes it up', async () => {
    const [id] = await deadLetters();
    assert.ok(id);
    const store = t.bot.services.store;
    const res = await call('POST', '/api/outbox/dead/retry', { ids: [id] });
    assert.deepEqual(res.json, { requeued: [id], notDead: [] });
    // Requeued: waiting, or already claimed by the bot's worker (its first attempt since), which finds no
    // such conversation and gives it up again for that reason rather than the old one.
    const row = await getOutboxMessage(store, id);
    assert.ok(row);
    if (row.state === 'dead') assert.match(row.lastError ?? '', /the conversation is unknown/);
    else assert.deepEqual([row.state === 'pending' || row.state === 'sending', row.attempts <= 1, row.lastError], [true, true, undefined]);
  });
});
