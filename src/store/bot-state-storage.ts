/**
 * botbuilder `Storage` on the `bot_state` table, for Teams AI's TurnState (conversation and user scopes).
 *
 * Optimistic concurrency by eTag, stricter than botbuilder's MemoryStorage on purpose: two turns racing on
 * one conversation must not silently overwrite each other. A write succeeds when its eTag is `*`, when it
 * matches the stored one, or when it has no eTag and nothing is stored yet (a first write); anything else
 * throws an eTag conflict. Each successful write stores a new eTag and copies it onto the written item, so
 * saving the same state object twice in one turn does not conflict with itself.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { json } from './sql-values';
import { inTransaction, type Queryable, type Store } from './store-types';

/** Thrown when a write's eTag no longer matches what is stored. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export class BotStateStorage implements Storage {
  constructor(private readonly db: Store | Queryable) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.query<{ key: string; doc: Record<string, unknown>; etag: string }>(
      'SELECT key, doc, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.doc, eTag: row.etag };
    return items;
  }

  /** All changes in one transaction: one conflict and none of them are written. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes as Record<string, Record<string, unknown> | undefined>);
    if (entries.length === 0) return;
    const written = await inTransaction(this.db, async (tx) => {
      const done: Array<[Record<string, unknown>, string]> = [];
      for (const [key, item] of entries) {
        const value = item ?? {};
        const { eTag, ...doc } = value;
        const next = randomUUID();
        await this.writeOne(tx, key, typeof eTag === 'string' ? eTag : undefined, doc, next);
        done.push([value, next]);
      }
      return done;
    });
    for (const [item, eTag] of written) item.eTag = eTag;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }

  private async writeOne(tx: Queryable, key: string, eTag: string | undefined, doc: unknown, next: string): Promise<void> {
    let rows: unknown[];
    if (eTag === '*') {
      rows = await tx.query(
        `INSERT INTO bot_state (key, doc, etag) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, etag = EXCLUDED.etag, updated_at = now() RETURNING 1`,
        [key, json(doc), next],
      );
    } else if (!eTag) {
      rows = await tx.query(
        'INSERT INTO bot_state (key, doc, etag) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO NOTHING RETURNING 1',
        [key, json(doc), next],
      );
    } else {
      rows = await tx.query(
        'UPDATE bot_state SET doc = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4 RETURNING 1',
        [key, json(doc), next, eTag],
      );
    }
    if (rows.length === 0) throw new ETagConflictError(key);
  }
}
