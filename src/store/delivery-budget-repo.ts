/**
 * Teams' rate limits as rows every instance shares (table `delivery_budgets`, migration 004). Each function
 * is one statement, atomic across instances because it writes the budget row it checks (the row lock of
 * INSERT … ON CONFLICT DO UPDATE serialises instances, and PostgreSQL re-reads the row after the lock).
 *
 * Times cross this boundary as epoch milliseconds in the DATABASE's clock (`clock_timestamp()`): every
 * instance plans against one clock, whatever its own says. `dbNowMs` comes back so callers can map it.
 *
 * - A tenant's sends are spaced evenly: `takeTenantSlots` moves the tenant's `next_at` on by `count`
 *   intervals and hands back those moments. Evenly spaced sends stay within "N per second" even when
 *   each arrives a little late, which a full-window burst would not.
 * - A conversation keeps the planned moments of its recent sends; `reserveConversationSlots` adds one only
 *   if every sliding window still has room at that moment and the conversation is not paused.
 * - `pauseScope` records a Retry-After for a tenant or a conversation: no instance sends there before it.
 */
import { json, toNumber } from './sql-values';
import type { Queryable } from './store-types';

/** At most `limit` sends in any `windowMs`. */
export interface BudgetWindow {
  limit: number;
  windowMs: number;
}

export const tenantScope = (tenantId: string | undefined): string => `tenant:${tenantId ?? ''}`;
export const conversationScope = (conversationId: string): string => `conversation:${conversationId}`;

export interface TenantSlots {
  /** The moments (database clock, epoch ms) at which the caller may send, one send each, in order. */
  slots: number[];
  /** The database's clock when it answered. */
  dbNowMs: number;
}

/**
 * Takes the next `count` send moments of a tenant's schedule, `intervalMs` apart, starting no earlier than
 * `leadMs` from now nor before a pause ends. Other instances get the moments after these.
 */
export async function takeTenantSlots(db: Queryable, scope: string, count: number, intervalMs: number, leadMs: number): Promise<TenantSlots> {
  if (count <= 0) throw new Error('count must be positive');
  const [row] = await db.query<{ next_ms: unknown; now_ms: unknown }>(
    `INSERT INTO delivery_budgets AS b (scope, next_at)
     VALUES ($1, clock_timestamp() + ($2::float8 + $3::int * $4::float8) * interval '1 millisecond')
     ON CONFLICT (scope) DO UPDATE SET
       next_at = greatest(b.next_at, clock_timestamp() + $2::float8 * interval '1 millisecond', b.paused_until)
                 + ($3::int * $4::float8) * interval '1 millisecond',
       updated_at = now()
     RETURNING extract(epoch from b.next_at)::float8 * 1000 AS next_ms, extract(epoch from clock_timestamp())::float8 * 1000 AS now_ms`,
    [scope, leadMs, count, intervalMs],
  );
  if (!row) throw new Error('the tenant budget was not written');
  const next = toNumber(row.next_ms);
  const first = next - count * intervalMs;
  return { slots: Array.from({ length: count }, (_, i) => first + i * intervalMs), dbNowMs: toNumber(row.now_ms) };
}

export interface ConversationReservation {
  scope: string;
  /** The planned moment of the send (database clock, epoch ms): the tenant slot it will use. */
  atMs: number;
}

export interface ReservationOutcome {
  accepted: Set<string>;
  /** For each refused scope: the earliest moment (database clock, epoch ms) a send there could fit. */
  refused: Map<string, number>;
}

/**
 * Books one send per conversation at its planned moment, where every window has room then, the
 * conversation is not paused, and no later send is already booked there (each scope at most once per
 * call). Windows should include a margin for arrival jitter.
 */
export async function reserveConversationSlots(
  db: Queryable,
  reservations: readonly ConversationReservation[],
  windows: readonly BudgetWindow[],
): Promise<ReservationOutcome> {
  if (reservations.length === 0) return { accepted: new Set(), refused: new Map() };
  if (new Set(reservations.map((r) => r.scope)).size !== reservations.length) throw new Error('one reservation per scope per call');
  const limits = windows.map((w) => w.limit);
  const spans = windows.map((w) => w.windowMs);
  const longest = Math.max(...spans);
  const rows = await db.query<{ scope: string }>(
    `INSERT INTO delivery_budgets AS b (scope, recent)
     SELECT r.scope, ARRAY[to_timestamp(r.at_ms / 1000.0)]
     FROM jsonb_to_recordset($1::jsonb) AS r(scope text, at_ms float8)
     ON CONFLICT (scope) DO UPDATE SET
       recent = ARRAY(SELECT x FROM unnest(b.recent) AS x
                      WHERE x > excluded.recent[1] - $4::float8 * interval '1 millisecond' ORDER BY x) || excluded.recent[1],
       updated_at = now()
     WHERE b.paused_until <= excluded.recent[1]
       AND coalesce(b.recent[cardinality(b.recent)] <= excluded.recent[1], true)
       AND NOT EXISTS (
         SELECT 1 FROM unnest($2::int[], $3::float8[]) AS w(n, ms)
         WHERE cardinality(b.recent) >= w.n
           AND b.recent[cardinality(b.recent) - w.n + 1] > excluded.recent[1] - w.ms * interval '1 millisecond')
     RETURNING b.scope`,
    [json(reservations.map((r) => ({ scope: r.scope, at_ms: r.atMs }))), limits, spans, longest],
  );
  const accepted = new Set(rows.map((r) => r.scope));
  const refusedScopes = reservations.map((r) => r.scope).filter((s) => !accepted.has(s));
  const refused = new Map<string, number>();
  if (refusedScopes.length) {
    const hints = await db.query<{ scope: string; earliest_ms: unknown }>(
      `SELECT b.scope, extract(epoch from greatest(
           b.paused_until,
           b.recent[cardinality(b.recent)],
           (SELECT max(b.recent[cardinality(b.recent) - w.n + 1] + w.ms * interval '1 millisecond')
            FROM unnest($2::int[], $3::float8[]) AS w(n, ms) WHERE cardinality(b.recent) >= w.n)
         ))::float8 * 1000 AS earliest_ms
       FROM delivery_budgets b WHERE b.scope = ANY($1::text[])`,
      [refusedScopes, limits, spans],
    );
    for (const h of hints) refused.set(h.scope, toNumber(h.earliest_ms));
    // A scope refused but not found was inserted by a racing instance after this statement's snapshot.
    for (const s of refusedScopes) if (!refused.has(s)) refused.set(s, 0);
  }
  return { accepted, refused };
}

/** No instance sends in `scope` for `ms` from now (a Retry-After). Returns when the pause ends (database clock, epoch ms). */
export async function pauseScope(db: Queryable, scope: string, ms: number): Promise<number> {
  const [row] = await db.query<{ until_ms: unknown }>(
    `INSERT INTO delivery_budgets AS b (scope, paused_until) VALUES ($1, clock_timestamp() + $2::float8 * interval '1 millisecond')
     ON CONFLICT (scope) DO UPDATE SET paused_until = greatest(b.paused_until, excluded.paused_until), updated_at = now()
     RETURNING extract(epoch from b.paused_until)::float8 * 1000 AS until_ms`,
    [scope, ms],
  );
  if (!row) throw new Error('the pause was not written');
  return toNumber(row.until_ms);
}

export interface BudgetRow {
  scope: string;
  nextAtMs: number;
  /** Planned sends, oldest first (epoch ms). */
  recentMs: number[];
  pausedUntilMs: number;
}

/** One scope's row as it stands (tests and diagnostics). */
export async function getBudget(db: Queryable, scope: string): Promise<BudgetRow | undefined> {
  const [row] = await db.query<{ scope: string; next_ms: unknown; recent_ms: unknown[]; paused_ms: unknown }>(
    `SELECT scope, extract(epoch from next_at)::float8 * 1000 AS next_ms,
            ARRAY(SELECT extract(epoch from x)::float8 * 1000 FROM unnest(recent) AS x) AS recent_ms,
            extract(epoch from paused_until)::float8 * 1000 AS paused_ms
     FROM delivery_budgets WHERE scope = $1`,
    [scope],
  );
  return row
    ? { scope: row.scope, nextAtMs: toNumber(row.next_ms), recentMs: row.recent_ms.map(toNumber), pausedUntilMs: toNumber(row.paused_ms) }
    : undefined;
}

/** Logs a throttling answer (429, or a 503 with Retry-After) for the "throttled in the last minute" count. */
export async function recordThrottle(db: Queryable, t: { scope: string; priority: number; status: number; retryAfterMs?: number }): Promise<void> {
  await db.query(`INSERT INTO delivery_throttles (scope, priority, status, retry_after_ms) VALUES ($1, $2, $3, $4)`, [
    t.scope,
    t.priority,
    t.status,
    t.retryAfterMs === undefined ? null : Math.round(t.retryAfterMs),
  ]);
}

/** Throttling answers in the last `windowMs`, by message priority. Also forgets those older than a day. */
export async function countRecentThrottles(db: Queryable, windowMs: number): Promise<Map<number, number>> {
  await db.query(`DELETE FROM delivery_throttles WHERE at < now() - interval '1 day'`);
  const rows = await db.query<{ priority: unknown; n: unknown }>(
    `SELECT priority, count(*) AS n FROM delivery_throttles WHERE at > now() - $1::float8 * interval '1 millisecond' GROUP BY priority`,
    [windowMs],
  );
  return new Map(rows.map((r) => [toNumber(r.priority), toNumber(r.n)]));
}
