/**
 * Concerns and their events in the store (tables `concerns`, `concern_events` from migration 001).
 * Plain functions over a Queryable, returning plain objects. Status changes are conditional on the
 * status the caller read, so two people acting on one card at once cannot both win.
 */
// Types only: the store returns the concerns capability's own plain objects, and imports none of its code.
import type { Actor, Concern, ConcernEvent, ConcernKind, ConcernStatus, Deadline, RaygRating } from '../concerns/concern-types';
import type { Queryable } from './store-types';

interface ConcernRow {
  id: string;
  kind: ConcernKind;
  rating: RaygRating | null;
  previous_rating: RaygRating | null;
  school_name: string | null;
  school_urn: string | null;
  school_phase: string | null;
  workstream_slug: string | null;
  summary: string;
  raised_by: string;
  raised_by_id: string | null;
  source: 'teams' | 'api';
  issued_on: string | null;
  due_on: string | null;
  deadlines: Deadline[] | string;
  status: ConcernStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: Date | string;
}

interface EventRow {
  concern_id: string;
  event: ConcernEvent['action'];
  actor_id: string;
  actor_name: string;
  note: string | null;
  at: Date | string;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
/** `date` columns come back as Date (pg) or string (PGlite) depending on the engine; both mean the calendar day. */
const day = (v: string | Date | null) => (v === null ? undefined : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

const COLUMNS = `id, kind, rating, previous_rating, school_name, school_urn, school_phase, workstream_slug, summary,
  raised_by, raised_by_id, source, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
  deadlines, status, assignee_id, assignee_name, created_at`;

function toConcern(row: ConcernRow, events: ConcernEvent[]): Concern {
  const concern: Concern = {
    id: row.id,
    kind: row.kind,
    summary: row.summary,
    status: row.status,
    source: row.source,
    raisedBy: row.raised_by,
    raisedAt: iso(row.created_at),
    deadlines: typeof row.deadlines === 'string' ? (JSON.parse(row.deadlines) as Deadline[]) : row.deadlines,
    events,
  };
  if (row.rating) concern.rating = row.rating;
  if (row.previous_rating) concern.previousRating = row.previous_rating;
  if (row.school_name) {
    concern.school = { name: row.school_name };
    if (row.school_urn) concern.school.urn = row.school_urn;
    if (row.school_phase) concern.school.phase = row.school_phase;
  }
  if (row.workstream_slug) concern.workstream = row.workstream_slug;
  const issuedOn = day(row.issued_on);
  const dueOn = day(row.due_on);
  if (issuedOn) concern.issuedOn = issuedOn;
  if (dueOn) concern.dueOn = dueOn;
  if (row.assignee_id) concern.assignee = { id: row.assignee_id, name: row.assignee_name ?? row.assignee_id };
  return concern;
}

const toEvent = (row: EventRow): ConcernEvent => ({
  action: row.event,
  actor: { id: row.actor_id, name: row.actor_name },
  at: iso(row.at),
  ...(row.note ? { note: row.note } : {}),
});

/** Stores a new concern and its `raised` event. */
export async function insertConcern(tx: Queryable, concern: Concern, raisedById: string): Promise<void> {
  await tx.query(
    `INSERT INTO concerns (id, kind, rating, previous_rating, school_name, school_urn, school_phase, workstream_slug, summary,
       raised_by, raised_by_id, source, issued_on, due_on, deadlines, status, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15::jsonb,$16,$17,$17)`,
    [
      concern.id,
      concern.kind,
      concern.rating ?? null,
      concern.previousRating ?? null,
      concern.school?.name ?? null,
      concern.school?.urn ?? null,
      concern.school?.phase ?? null,
      concern.workstream ?? null,
      concern.summary,
      concern.raisedBy,
      raisedById,
      concern.source,
      concern.issuedOn ?? null,
      concern.dueOn ?? null,
      JSON.stringify(concern.deadlines),
      concern.status,
      concern.raisedAt,
    ],
  );
  for (const event of concern.events) await insertEvent(tx, concern.id, event);
}

async function insertEvent(tx: Queryable, concernId: string, event: ConcernEvent): Promise<void> {
  await tx.query(`INSERT INTO concern_events (concern_id, event, actor_id, actor_name, note, at) VALUES ($1,$2,$3,$4,$5,$6)`, [
    concernId,
    event.action,
    event.actor.id,
    event.actor.name,
    event.note ?? null,
    event.at,
  ]);
}

/**
 * Moves a concern from `expected` to `status` and records the event, in the caller's transaction.
 * Returns false (and changes nothing) when someone else changed the status first.
 */
export async function applyTransition(
  tx: Queryable,
  id: string,
  expected: ConcernStatus,
  status: ConcernStatus,
  assignee: Actor | undefined,
  event: ConcernEvent,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE concerns SET status = $3, assignee_id = $4, assignee_name = $5, updated_at = $6
       WHERE id = $1 AND status = $2 RETURNING id`,
    [id, expected, status, assignee?.id ?? null, assignee?.name ?? null, event.at],
  );
  if (!rows.length) return false;
  await insertEvent(tx, id, event);
  return true;
}

/** One concern with its events, or undefined. */
export async function getConcern(q: Queryable, id: string): Promise<Concern | undefined> {
  const [row] = await q.query<ConcernRow>(`SELECT ${COLUMNS} FROM concerns WHERE id = $1`, [id]);
  if (!row) return undefined;
  const events = await q.query<EventRow>(`SELECT * FROM concern_events WHERE concern_id = $1 ORDER BY at, id`, [id]);
  return toConcern(row, events.map(toEvent));
}

/** Unresolved concerns, newest first, with their events. */
export async function listUnresolved(q: Queryable, limit = 50): Promise<Concern[]> {
  const rows = await q.query<ConcernRow>(`SELECT ${COLUMNS} FROM concerns WHERE status <> 'resolved' ORDER BY created_at DESC, id LIMIT $1`, [limit]);
  if (!rows.length) return [];
  const events = await q.query<EventRow>(`SELECT * FROM concern_events WHERE concern_id = ANY($1) ORDER BY at, id`, [rows.map((r) => r.id)]);
  return rows.map((r) => toConcern(r, events.filter((e) => e.concern_id === r.id).map(toEvent)));
}
