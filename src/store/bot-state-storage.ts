/**
 * botbuilder `Storage` on the `bot_state` table, for Teams AI's TurnState (conversation and user scopes).
 *
 * Optimistic concurrency by eTag, stricter than botbuilder's MemoryStorage on purpose: two turns racing on
 * one conversation must not silently overwrite each other. A write succeeds when its eTag is `*`, when it
 * matches the stored one, or when it has no eTag and nothing is stored yet (a first write); anything else
 * throws an eTag conflict. Each successful write stores a new eTag and copies it onto the written item, so
 * saving the same state object twice in one turn does not conflict with itself.
 *
 * Reads, and writes of a single item (a turn's usual save), from concurrent turns are coalesced into one
 * statement each while the database is busy: a statement costs the embedded engine far more than a row.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { Coalescer } from './coalescer';
import { json } from './sql-values';
import { inTransaction, type Queryable, type Store } from './store-types';

/** Thrown when a write's eTag no longer matches what is stored. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * Thrown when one turn's state could not be written on its own (after its batch failed): the document
 * itself is the problem (`unstorable`: text PostgreSQL refuses), or the database is.
 */
export class StateWriteError extends Error {
  constructor(
    readonly key: string,
    readonly unstorable: boolean,
    override readonly cause: unknown,
  ) {
    super(`Storage: could not write "${key}"${unstorable ? ': the document holds data the database cannot store' : ''}.`);
    this.name = 'StateWriteError';
  }
}

/** PostgreSQL SQLSTATE class 22 (data exception) or 54 (program limit exceeded): the value, not the database. */
const isDataError = (err: unknown): boolean => /^(22|54)/.test(String((err as { code?: unknown })?.code ?? ''));

type Row = { key: string; doc: Record<string, unknown>; etag: string };

export interface BotStateStorageOptions {
  /**
   * The database belongs to this process alone (the embedded store): every key that exists is then known
   * here, so reading a key that was never written (a new conversation, an unused scope) needs no query.
   * Never set it for a PostgreSQL server that other instances write to.
   */
  exclusive?: boolean;
  /** Group commit: how long a save waits for other turns' saves to share its statement (default 0). */
  groupCommitMs?: number;
}

/** The keys in `bot_state`, per exclusive store: shared by every storage object on that store. */
const knownKeysByStore = new WeakMap<object, Promise<Set<string>>>();
type SingleWrite = { key: string; eTag?: string; doc: unknown; next: string };

export class BotStateStorage implements Storage {
  private readonly reads: Coalescer<string[], Row[]>;
  private readonly writes: Coalescer<SingleWrite, true>;

  private readonly knownKeys?: Promise<Set<string>>;

  constructor(
    private readonly db: Store | Queryable,
    options: BotStateStorageOptions = {},
  ) {
    if (options.exclusive) {
      let known = knownKeysByStore.get(db);
      if (!known) {
        known = db.query<{ key: string }>('SELECT key FROM bot_state').then((rows) => new Set(rows.map((r) => r.key)));
        knownKeysByStore.set(db, known);
      }
      this.knownKeys = known;
    }
    this.reads = new Coalescer(async (batches) => {
      const keys = [...new Set(batches.flat())];
      const rows = await this.db.query<Row>('SELECT key, doc, etag FROM bot_state WHERE key = ANY($1::text[])', [keys]);
      return batches.map((wanted) => rows.filter((r) => wanted.includes(r.key)));
    });
    // A key twice in one statement would leave it unclear whose write won: such a write waits a batch.
    this.writes = new Coalescer(
      (batch) => this.writeMany(batch),
      (queued) => {
        const seen = new Set<string>();
        const n = queued.findIndex((w) => seen.size === seen.add(w.key).size);
        return n === -1 ? queued.length : n;
      },
      options.groupCommitMs ?? 0,
    );
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (this.knownKeys) {
      const known = await this.knownKeys;
      keys = keys.filter((k) => known.has(k));
    }
    if (keys.length === 0) return {};
    const rows = await this.reads.run(keys);
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.doc, eTag: row.etag };
    return items;
  }

  /** All changes in one transaction: one conflict and none of them are written. */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes as Record<string, Record<string, unknown> | undefined>);
    if (entries.length === 0) return;
    const [only] = entries;
    if (only && entries.length === 1 && 'transaction' in this.db) {
      // A turn's usual save: one item, coalesced with other turns' saves into one statement.
      const [key, item] = only;
      const value = item ?? {};
      const { eTag, ...doc } = value;
      const next = randomUUID();
      await this.writes.run({ key, eTag: typeof eTag === 'string' ? eTag : undefined, doc, next });
      value.eTag = next;
      (await this.knownKeys)?.add(key);
      return;
    }
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
    const known = await this.knownKeys;
    for (const [key] of entries) known?.add(key);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
    const known = await this.knownKeys;
    for (const key of keys) known?.delete(key);
  }

  /**
   * Single-item writes of distinct keys, at most one statement per kind; each gets its own conflict. When a
   * shared statement fails (one document the database refuses fails it for everyone), each write is
   * retried alone, so only the bad one fails.
   */
  private async writeMany(batch: SingleWrite[]): Promise<(true | Error)[]> {
    const done = new Set<string>();
    try {
      return await this.writeBatched(batch, done);
    } catch (err) {
      const [only] = batch;
      if (only && batch.length === 1) return [this.failure(only, err)];
      return Promise.all(
        batch.map(async (w) => {
          if (done.has(w.key)) return true as const;
          try {
            await this.writeOne(this.db, w.key, w.eTag, w.doc, w.next);
            return true as const;
          } catch (single) {
            return this.failure(w, single);
          }
        }),
      );
    }
  }

  private failure(w: SingleWrite, err: unknown): Error {
    return err instanceof ETagConflictError ? err : new StateWriteError(w.key, isDataError(err), err);
  }

  /** `done` collects the keys written so far, so a failure part-way retries only the rest. */
  private async writeBatched(batch: SingleWrite[], done: Set<string>): Promise<(true | Error)[]> {
    const payload = (ws: SingleWrite[]) => json(ws.map((w) => ({ key: w.key, doc: w.doc, etag: w.eTag ?? null, next: w.next })));
    const updates = batch.filter((w) => w.eTag && w.eTag !== '*');
    const inserts = batch.filter((w) => !w.eTag);
    const forced = batch.filter((w) => w.eTag === '*');
    if (updates.length) {
      const rows = await this.db.query<{ key: string }>(
        `UPDATE bot_state b SET doc = i.doc, etag = i.next, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS i(key text, doc jsonb, etag text, next text)
         WHERE b.key = i.key AND b.etag = i.etag RETURNING b.key`,
        [payload(updates)],
      );
      rows.forEach((r) => done.add(r.key));
    }
    if (inserts.length) {
      const rows = await this.db.query<{ key: string }>(
        `INSERT INTO bot_state (key, doc, etag)
         SELECT i.key, i.doc, i.next FROM jsonb_to_recordset($1::jsonb) AS i(key text, doc jsonb, etag text, next text)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [payload(inserts)],
      );
      rows.forEach((r) => done.add(r.key));
    }
    for (const w of forced) {
      await this.writeOne(this.db, w.key, '*', w.doc, w.next);
      done.add(w.key);
    }
    return batch.map((w) => (done.has(w.key) ? true : new ETagConflictError(w.key)));
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
      rows = await tx.query('INSERT INTO bot_state (key, doc, etag) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO NOTHING RETURNING 1', [
        key,
        json(doc),
        next,
      ]);
    } else {
      rows = await tx.query('UPDATE bot_state SET doc = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4 RETURNING 1', [
        key,
        json(doc),
        next,
        eTag,
      ]);
    }
    if (rows.length === 0) throw new ETagConflictError(key);
  }
}
