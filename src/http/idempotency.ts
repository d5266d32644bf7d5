/**
 * `Idempotency-Key` for API writes: the first response to a key is stored in the same transaction as the
 * write it describes, and a retry with the same key and body gets that response again without writing
 * anything; the same key with a different request is refused with 422.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'restify';
import { getIdempotentResponse, putIdempotentResponse } from '../store/idempotency-repo';
import type { Queryable, Store } from '../store/store-types';
import { badRequest, unprocessable } from './http-errors';

export interface JsonResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The request's `Idempotency-Key`, if any; refuses a key that is empty, too long or not printable ASCII. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined || key === '') return undefined;
  if (key.length > 255 || !/^[\x21-\x7E]+$/.test(key)) {
    throw badRequest('Idempotency-Key must be 1-255 printable ASCII characters without spaces.');
  }
  return key;
}

/** Thrown inside the transaction when a concurrent request stored the same key first: roll back, replay. */
class LostRace extends Error {}

/**
 * Runs `work` in a transaction, once per (`scope`, `key`). `request` is everything that makes the request
 * what it is (method, path, body). Without a key, `work` simply runs. A `work` that throws stores nothing,
 * so a caller may retry a refused request with the same key once it is fixed.
 */
export async function idempotent<T extends JsonResponse>(
  store: Store,
  options: { scope: string; key: string | undefined; request: unknown },
  work: (tx: Queryable) => Promise<T>,
): Promise<{ response: JsonResponse; replayed: boolean; result?: T }> {
  if (!options.key) {
    const result = await store.transaction(work);
    return { response: result, replayed: false, result };
  }
  const key = options.key;
  const requestHash = createHash('sha256').update(canonical(options.request)).digest('hex');
  const replay = async (tx: Queryable): Promise<JsonResponse | undefined> => {
    const stored = await getIdempotentResponse(tx, options.scope, key);
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash) {
      throw unprocessable('This Idempotency-Key was already used with a different request. Use a new key for a new request.');
    }
    return { status: stored.responseStatus, body: stored.responseBody, headers: { 'Idempotent-Replayed': 'true' } };
  };
  try {
    return await store.transaction(async (tx) => {
      const earlier = await replay(tx);
      if (earlier) return { response: earlier, replayed: true };
      const result = await work(tx);
      const stored = await putIdempotentResponse(tx, {
        scope: options.scope,
        key,
        requestHash,
        responseStatus: result.status,
        responseBody: result.body,
      });
      if (!stored) throw new LostRace();
      return { response: result, replayed: false, result };
    });
  } catch (err) {
    if (!(err instanceof LostRace)) throw err;
    const earlier = await replay(store);
    if (!earlier) throw err;
    return { response: earlier, replayed: true };
  }
}
