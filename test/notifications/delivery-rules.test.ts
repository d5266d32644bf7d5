/**
 * The rules the delivery worker follows, as plain functions: how it spaces and orders sends, when it
 * retries, and what a connector failure means.
 */
import assert from 'node:assert/strict';
import {
  assignSlots,
  conversationWindows,
  DatabaseClock,
  pickCandidates,
  tenantInterval,
  type Candidate,
} from '../../src/notifications/delivery-schedule';
import { nextRetryDelay, defaultRetryPolicy } from '../../src/notifications/retry-policy';
import { classifySendFailure, parseRetryAfter, SendTimeoutError } from '../../src/notifications/proactive-send';

const restError = (statusCode: number | undefined, retryAfter?: string, code?: string) =>
  Object.assign(new Error('refused'), {
    name: 'RestError',
    statusCode,
    code,
    response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
  });

describe('delivery schedule', () => {
  const q = (conversationId: string, priority: number, seq: number, extra: Partial<Candidate> = {}): Candidate => ({
    conversationId,
    tenant: 'tenant:t',
    priority,
    seq,
    notBefore: 0,
    ...extra,
  });

  it("spaces a tenant's sends so that a second holds at most the rate even when each arrives up to the margin late", () => {
    const interval = tenantInterval(50, 25);
    const sends = Array.from({ length: 500 }, (_, i) => i * interval);
    // Every arrival late by its own amount below the margin: a second never holds 51.
    const arrivals = sends.map((t, i) => t + ((i * 7919) % 24));
    arrivals.sort((a, b) => a - b);
    arrivals.forEach((first, i) => {
      const fiftyFirst = arrivals[i + 50];
      if (fiftyFirst !== undefined) assert.ok(fiftyFirst - first >= 1000, `51 arrivals within ${fiftyFirst - first} ms`);
    });
    assert.ok(1000 / interval >= 48.7, 'and costs under 2.5% of the rate');
  });

  it("widens Teams' conversation windows by the margin, and can keep to the per-second one alone", () => {
    assert.deepEqual(conversationWindows({ perSecond: 7, longer: true, marginMs: 250 }), [
      { limit: 7, windowMs: 1250 },
      { limit: 8, windowMs: 2250 },
      { limit: 60, windowMs: 30250 },
      { limit: 1800, windowMs: 3600250 },
    ]);
    assert.deepEqual(conversationWindows({ perSecond: 5, longer: false, marginMs: 0 }), [{ limit: 5, windowMs: 1000 }]);
  });

  it('books alerts before updates before digests, and one message per conversation per round, so a busy channel waits its turn', () => {
    const queue = [q('busy', 1, 1), q('busy', 1, 2), q('busy', 1, 3), q('digest-1', 3, 4), q('quiet', 1, 5), q('alert', 0, 6), q('digest-2', 3, 7)];
    assert.deepEqual(
      pickCandidates(queue, new Set(), 0, 10).map((c) => [c.conversationId, c.seq]),
      [
        ['alert', 6],
        ['busy', 1],
        ['quiet', 5],
        ['digest-1', 4],
        ['digest-2', 7],
      ],
    );
    assert.deepEqual(
      pickCandidates(queue, new Set(['busy']), 0, 2).map((c) => c.conversationId),
      ['alert', 'quiet'],
      'a conversation already sending waits',
    );
  });

  it('leaves out conversations held past the round, and messages of another tenant (its schedule is its own)', () => {
    const queue = [q('held', 0, 1, { notBefore: 5_000 }), q('a', 1, 2), q('other-tenant', 1, 3, { tenant: 'tenant:u' }), q('b', 2, 4)];
    assert.deepEqual(
      pickCandidates(queue, new Set(), 1_000, 10).map((c) => c.conversationId),
      ['a', 'b'],
    );
  });

  it('gives each slot to the best candidate free by then', () => {
    const pairs = assignSlots([q('alert', 0, 1, { notBefore: 150 }), q('update', 1, 2)], [100, 120, 140, 160]);
    assert.deepEqual(
      pairs.map((p) => [p.candidate.conversationId, p.at]),
      [
        ['update', 100],
        ['alert', 160],
      ],
    );
  });

  it('reads the database clock from the answer with the shortest round trip', () => {
    const clock = new DatabaseClock();
    clock.observe(1000, 1100, 1150); // slow answer: offset 100, uncertain
    clock.observe(2000, 2004, 2032); // quick answer: offset 30
    clock.observe(3000, 3060, 3100);
    assert.equal(clock.toLocal(5030), 5000);
    assert.equal(clock.toDatabase(5000), 5030);
  });
});

describe('delivery retries', () => {
  const policy = { ...defaultRetryPolicy, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, minDelayAfterTimeoutMs: 500 };

  it('waits what Retry-After says, capped', () => {
    assert.equal(nextRetryDelay(policy, 1, { retryAfterMs: 300, timedOut: false }), 300);
    assert.equal(nextRetryDelay(policy, 1, { retryAfterMs: 60_000, timedOut: false }), 1000);
  });

  it('backs off exponentially with jitter, and gives up after the last attempt', () => {
    const low = (a: number) => nextRetryDelay(policy, a, { timedOut: false }, () => 0);
    const high = (a: number) => nextRetryDelay(policy, a, { timedOut: false }, () => 1);
    assert.deepEqual([low(1), high(1), low(2), high(2), low(3), high(3)], [50, 100, 100, 200, 200, 400]);
    assert.equal(nextRetryDelay(policy, 4, { timedOut: false }), undefined);
  });

  it('waits longer after a timeout, since the post may have landed late', () => {
    assert.equal(
      nextRetryDelay(policy, 1, { timedOut: true }, () => 0),
      500,
    );
  });
});

describe('reading connector failures', () => {
  it('retries 429 with its Retry-After, and 412/5xx/network errors/timeouts without one', () => {
    assert.deepEqual(classifySendFailure(restError(429, '2')), {
      kind: 'retry',
      status: 429,
      retryAfterMs: 2000,
      timedOut: false,
      message: 'refused',
    });
    for (const s of [412, 500, 502, 503, 504]) assert.equal(classifySendFailure(restError(s)).kind, 'retry', String(s));
    assert.equal(classifySendFailure(restError(undefined, undefined, 'REQUEST_SEND_ERROR')).kind, 'retry');
    assert.deepEqual(classifySendFailure(new SendTimeoutError('slow')), { kind: 'retry', timedOut: true, message: 'slow' });
  });

  it('treats 403 and 404 as a conversation the bot can no longer post to, and 400 as a bad message', () => {
    assert.equal(classifySendFailure(restError(403)).kind, 'gone');
    assert.equal(classifySendFailure(restError(404)).kind, 'gone');
    assert.equal(classifySendFailure(restError(400)).kind, 'rejected');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('1.5', now), 1500);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter('soon', now), undefined);
  });
});
