/**
 * Idempotency keys for the HTTP APIs: the first response to a key is stored and replayed for retries of the
 * same request; the same key with a different request body is the caller's mistake (compare `requestHash`).
 */
import { json, toDate } from './sql-values';
import type { Queryable } from './store-types';

export interface IdempotentResponse {
  scope: string;
  key: string;
  /** A hash of the request body, so a reused key with a different request can be refused. */
  requestHash: string;
  responseStatus: number;
  responseBody: unknown;
  createdAt: Date;
}

interface IdempotencyRow {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: unknown;
  created_at: Date;
}

export async function getIdempotentResponse(db: Queryable, scope: string, key: string): Promise<IdempotentResponse | undefined> {
  const [row] = await db.query<IdempotencyRow>(
    `SELECT scope, key, request_hash, response_status, response_body, created_at FROM idempotency_keys
     WHERE scope = $1 AND key = $2`,
    [scope, key],
  );
  return row
    ? {
        scope: row.scope,
        key: row.key,
        requestHash: row.request_hash,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        createdAt: toDate(row.created_at),
      }
    : undefined;
}

/**
 * Stores the response for a key. False when the key was already stored (a concurrent duplicate won):
 * read it back with `getIdempotentResponse` and answer with that instead. Best called in the same
 * transaction as the write the request made, so either both happen or neither.
 */
export async function putIdempotentResponse(
  db: Queryable,
  entry: { scope: string; key: string; requestHash: string; responseStatus: number; responseBody: unknown },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
     VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
    [entry.scope, entry.key, entry.requestHash, entry.responseStatus, json(entry.responseBody)],
  );
  return rows.length > 0;
}

/** Forgets keys older than `before` (housekeeping); returns how many. */
export async function pruneIdempotencyKeys(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query('DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz RETURNING 1', [before.toISOString()]);
  return rows.length;
}
