/**
 * When a failed proactive send is tried again: the connector's Retry-After when it gives one, else
 * exponential backoff with full jitter, so a fleet of retries after an outage does not arrive at once.
 */

export interface RetryPolicy {
  /** Attempts (sends) per row before it is given up as `dead`. */
  maxAttempts: number;
  /** First backoff step; doubles each attempt. */
  baseDelayMs: number;
  /** Longest wait between attempts (also caps an absurd Retry-After). */
  maxDelayMs: number;
  /**
   * After a timeout the message may have been delivered after all; waiting at least this long before
   * the retry lets a slow-but-successful post land first, and keeps us from stacking several copies on
   * a connector that is merely slow.
   */
  minDelayAfterTimeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 10 * 60_000,
  minDelayAfterTimeoutMs: 30_000,
};

/**
 * Milliseconds to wait before attempt `attempts + 1`, given the attempt that just failed was number
 * `attempts` (1-based); `undefined` when the row has used all its attempts.
 */
export function nextRetryDelay(
  policy: RetryPolicy,
  attempts: number,
  failure: { retryAfterMs?: number; timedOut: boolean },
  random: () => number = Math.random,
): number | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  let delay: number;
  if (failure.retryAfterMs !== undefined) {
    delay = Math.min(failure.retryAfterMs, policy.maxDelayMs);
  } else {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    // "Equal jitter": half fixed, half random, so the delay still grows and never collapses to ~0.
    delay = ceiling / 2 + random() * (ceiling / 2);
  }
  if (failure.timedOut) delay = Math.max(delay, policy.minDelayAfterTimeoutMs);
  return Math.round(delay);
}
