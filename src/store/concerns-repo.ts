/**
 * Concerns about schools and workstreams, and the trail of what happened to each. State changes are
 * optimistic: a transition names the state it expects to leave, and loses (returns undefined) when
 * someone else moved the concern first, instead of silently overwriting their change.
 */
import { randomUUID } from 'node:crypto';
import { json, optional, toDate, toNumber } from './sql-values';
import { inTransaction, type Queryable, type Store } from './store-types';

export type ConcernState = 'open' | 'acknowledged' | 'assigned' | 'resolved';

export interface ConcernActor {
  id: string;
  name: string;
}

export interface ConcernEventRecord {
  id: number;
  concernId: string;
  /** e.g. `raised`, `acknowledged`, `assigned`, `resolved`, `noted`. */
  event: string;
  actor: ConcernActor;
  note?: string;
  at: Date;
}

export interface ConcernRecord {
  id: string;
  kind: string;
  rating?: string;
  previousRating?: string;
  schoolName?: string;
  schoolUrn?: string;
  schoolPhase?: string;
  workstreamSlug?: string;
  summary: string;
  /** Free-text name of whoever raised it. */
  raisedBy: string;
  raisedById?: string;
  source: 'teams' | 'api';
  /** YYYY-MM-DD. */
  issuedOn?: string;
  /** YYYY-MM-DD. */
  dueOn?: string;
  /** Extra dated milestones the concerns feature computes (kept as given). */
  deadlines: unknown[];
  status: ConcernState;
  assignee?: ConcernActor;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewConcern {
  /** Defaults to a random UUID. */
  id?: string;
  kind: string;
  rating?: string;
  previousRating?: string;
  schoolName?: string;
  schoolUrn?: string;
  schoolPhase?: string;
  workstreamSlug?: string;
  summary: string;
  raisedBy: string;
  raisedById?: string;
  source?: 'teams' | 'api';
  issuedOn?: string;
  dueOn?: string;
  deadlines?: unknown[];
}

interface ConcernRow {
  id: string;
  kind: string;
  rating: string | null;
  previous_rating: string | null;
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
  deadlines: unknown[];
  status: ConcernState;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: Date;
  updated_at: Date;
}

interface EventRow {
  id: number | string;
  concern_id: string;
  event: string;
  actor_id: string;
  actor_name: string;
  note: string | null;
  at: Date;
}

const COLUMNS = `id, kind, rating, previous_rating, school_name, school_urn, school_phase, workstream_slug, summary,
  raised_by, raised_by_id, source, issued_on::text AS issued_on, due_on::text AS due_on, deadlines, status,
  assignee_id, assignee_name, created_at, updated_at`;

const toConcern = (row: ConcernRow): ConcernRecord => ({
  id: row.id,
  kind: row.kind,
  rating: optional(row.rating),
  previousRating: optional(row.previous_rating),
  schoolName: optional(row.school_name),
  schoolUrn: optional(row.school_urn),
  schoolPhase: optional(row.school_phase),
  workstreamSlug: optional(row.workstream_slug),
  summary: row.summary,
  raisedBy: row.raised_by,
  raisedById: optional(row.raised_by_id),
  source: row.source,
  issuedOn: optional(row.issued_on),
  dueOn: optional(row.due_on),
  deadlines: row.deadlines ?? [],
  status: row.status,
  assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : undefined,
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
});

const toEvent = (row: EventRow): ConcernEventRecord => ({
  id: toNumber(row.id),
  concernId: row.concern_id,
  event: row.event,
  actor: { id: row.actor_id, name: row.actor_name },
  note: optional(row.note),
  at: toDate(row.at),
});

/** Appends to a concern's trail without changing its state (e.g. a note). */
export async function addConcernEvent(
  db: Queryable,
  concernId: string,
  event: { event: string; actor: ConcernActor; note?: string },
): Promise<ConcernEventRecord> {
  const [row] = await db.query<EventRow>(
    `INSERT INTO concern_events (concern_id, event, actor_id, actor_name, note) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, concern_id, event, actor_id, actor_name, note, at`,
    [concernId, event.event, event.actor.id, event.actor.name, event.note ?? null],
  );
  return toEvent(row);
}

/** Records a new open concern and its `raised` event together. */
export async function createConcern(
  db: Store | Queryable,
  concern: NewConcern,
  raisedBy: ConcernActor,
): Promise<ConcernRecord> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.query<ConcernRow>(
      `INSERT INTO concerns (id, kind, rating, previous_rating, school_name, school_urn, school_phase, workstream_slug,
         summary, raised_by, raised_by_id, source, issued_on, due_on, deadlines)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::date, $14::date, $15::jsonb)
       RETURNING ${COLUMNS}`,
      [
        concern.id ?? randomUUID(),
        concern.kind,
        concern.rating ?? null,
        concern.previousRating ?? null,
        concern.schoolName ?? null,
        concern.schoolUrn ?? null,
        concern.schoolPhase ?? null,
        concern.workstreamSlug ?? null,
        concern.summary,
        concern.raisedBy,
        concern.raisedById ?? null,
        concern.source ?? 'teams',
        concern.issuedOn ?? null,
        concern.dueOn ?? null,
        json(concern.deadlines ?? []),
      ],
    );
    await addConcernEvent(tx, row.id, { event: 'raised', actor: raisedBy });
    return toConcern(row);
  });
}

export async function getConcern(db: Queryable, id: string): Promise<ConcernRecord | undefined> {
  const [row] = await db.query<ConcernRow>(`SELECT ${COLUMNS} FROM concerns WHERE id = $1`, [id]);
  return row ? toConcern(row) : undefined;
}

/** A concern's trail, oldest first. */
export async function listConcernEvents(db: Queryable, concernId: string): Promise<ConcernEventRecord[]> {
  const rows = await db.query<EventRow>(
    `SELECT id, concern_id, event, actor_id, actor_name, note, at FROM concern_events
     WHERE concern_id = $1 ORDER BY at, id`,
    [concernId],
  );
  return rows.map(toEvent);
}

/** Every concern not yet resolved (optionally for one workstream), oldest first. */
export async function listOpenConcerns(db: Queryable, options: { workstreamSlug?: string } = {}): Promise<ConcernRecord[]> {
  const rows = await db.query<ConcernRow>(
    `SELECT ${COLUMNS} FROM concerns
     WHERE status <> 'resolved' AND ($1::text IS NULL OR workstream_slug = $1)
     ORDER BY created_at, id`,
    [options.workstreamSlug ?? null],
  );
  return rows.map(toConcern);
}

export interface ConcernTransition {
  /** The state the caller saw; the change only happens if the concern is still in it. */
  from: ConcernState;
  to: ConcernState;
  actor: ConcernActor;
  /** The event name for the trail; defaults to `to`. */
  event?: string;
  note?: string;
  /** Sets (or with `null` clears) the assignee; leave undefined to keep it. */
  assignee?: ConcernActor | null;
}

/**
 * Moves a concern from `from` to `to` and appends the event, atomically. Undefined when the concern does
 * not exist or is no longer in `from` (someone else acted first): re-read it and tell the user.
 */
export async function transitionConcern(
  db: Store | Queryable,
  id: string,
  change: ConcernTransition,
): Promise<ConcernRecord | undefined> {
  const keepAssignee = change.assignee === undefined;
  return inTransaction(db, async (tx) => {
    const [row] = await tx.query<ConcernRow>(
      `UPDATE concerns SET status = $3,
         assignee_id = CASE WHEN $4::boolean THEN assignee_id ELSE $5 END,
         assignee_name = CASE WHEN $4::boolean THEN assignee_name ELSE $6 END,
         updated_at = now()
       WHERE id = $1 AND status = $2 RETURNING ${COLUMNS}`,
      [id, change.from, change.to, keepAssignee, change.assignee?.id ?? null, change.assignee?.name ?? null],
    );
    if (!row) return undefined;
    await addConcernEvent(tx, id, { event: change.event ?? change.to, actor: change.actor, note: change.note });
    return toConcern(row);
  });
}
