/**
 * The rules the delivery worker follows, as plain functions: how fast it may send (Teams' sliding
 * windows), when it retries, and what a connector failure means.
 */
import assert from 'node:assert/strict';
import { DeliveryLimiter } from '../../src/notifications/rate-limiter';
import { nextRetryDelay, defaultRetryPolicy } from '../../src/notifications/retry-policy';
import { classifySendFailure, parseRetryAfter, SendTimeoutError } from '../../src/notifications/proactive-send';

const restError = (statusCode: number | undefined, retryAfter?: string, code?: string) =>
  Object.assign(new Error('refused'), { name: 'RestError', statusCode, code, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

describe('delivery rate limits', () => {
  it('lets at most N sends to one conversation in any one-second window, and others still go', () => {
    let now = 1_000_000;
    const limiter = new DeliveryLimiter({ overall: [{ limit: 50, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] }, () => now);
    let sent = 0;
    for (let i = 0; i < 20; i++) if (limiter.tryTake('a')) sent++;
    assert.equal(sent, 7);
    assert.ok(limiter.tryTake('b'), 'another conversation is not held up by a busy one');
    assert.equal(limiter.conversationWaitMs('a'), 1000);
    now += 999;
    assert.equal(limiter.tryTake('a'), undefined, 'the window slides: 999 ms later it is still full');
    now += 1;
    assert.ok(limiter.tryTake('a'));
  });

  it('never lets a full burst of the overall limit through twice inside one second (unlike a token bucket)', () => {
    let now = 0;
    const limiter = new DeliveryLimiter({ overall: [{ limit: 50, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] }, () => now);
    const times: number[] = [];
    for (let step = 0; step < 3000; step++, now += 1) {
      while (limiter.tryTake(`c-${times.length}`)) times.push(now);
    }
    for (const [i, at] of times.slice(0, -50).entries()) {
      const fiftyFirst = times[i + 50] ?? Infinity;
      assert.ok(fiftyFirst - at >= 1000, `51 sends within ${fiftyFirst - at} ms`);
    }
    assert.equal(times.length, 150);
  });

  it('counts a send from the moment its request leaves, not from when it was scheduled', () => {
    let now = 0;
    const limiter = new DeliveryLimiter({ overall: [{ limit: 2, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] }, () => now);
    const first = limiter.tryTake('a');
    assert.ok(limiter.tryTake('b'));
    now = 300;
    first?.sending();
    now = 1000;
    assert.ok(limiter.tryTake('c'), 'the second slot (taken at 0) has left the window');
    assert.equal(limiter.overallWaitMs(), 300, 'the first counts from 300 ms');
  });

  it('holds a conversation after a Retry-After until the time given', () => {
    let now = 0;
    const limiter = new DeliveryLimiter({ overall: [{ limit: 50, windowMs: 1000 }], perConversation: [{ limit: 7, windowMs: 1000 }] }, () => now);
    limiter.blockConversation('a', 2500);
    assert.equal(limiter.tryTake('a'), undefined);
    assert.equal(limiter.conversationWaitMs('a'), 2500);
    now = 2500;
    assert.ok(limiter.tryTake('a'));
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
    assert.equal(nextRetryDelay(policy, 1, { timedOut: true }, () => 0), 500);
  });
});

describe('reading connector failures', () => {
  it('retries 429 with its Retry-After, and 412/5xx/network errors/timeouts without one', () => {
    assert.deepEqual(classifySendFailure(restError(429, '2')), { kind: 'retry', status: 429, retryAfterMs: 2000, timedOut: false, message: 'refused' });
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
