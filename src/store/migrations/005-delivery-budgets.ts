/**
 * Teams' limits held in the database, so that every instance on one PostgreSQL keeps within them together
 * (issue 11), and the outbox rows that need them: a priority, and replace-in-place jobs.
 *
 * `delivery_budgets` has one row per scope, `tenant:<id>` or `conversation:<id>`:
 *  - `next_at` (tenant rows): the next free moment on the tenant's evenly spaced send schedule;
 *  - `recent` (conversation rows): when sends to the conversation were planned, oldest first, trimmed to
 *    the longest window (an hour), so every sliding window can be checked from the row alone;
 *  - `paused_until`: a Retry-After seen by any instance; no instance sends in that scope before it.
 * A slot is taken by one INSERT … ON CONFLICT DO UPDATE … RETURNING on these rows: the row lock makes
 * it atomic across instances (src/store/delivery-budget-repo.ts).
 *
 * `delivery_throttles` logs every 429 (and Retry-After) seen, for the "throttled in the last minute" count.
 */
export const up = /* sql */ `
ALTER TABLE outbox
  -- 0 concern alerts, 1 status-update notices, 2 card refreshes, 3 digests: lower goes first.
  ADD COLUMN priority smallint NOT NULL DEFAULT 1,
  -- 'post' a new message; 'replace' rewrites the message target_activity_id in place (PUT).
  ADD COLUMN kind text NOT NULL DEFAULT 'post' CHECK (kind IN ('post', 'replace')),
  ADD COLUMN target_activity_id text,
  -- Bumped when a replace job's card is superseded; a send of an older version does not count as done.
  ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD CONSTRAINT outbox_replace_target CHECK (kind = 'post' OR target_activity_id IS NOT NULL);

DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (priority, next_attempt_at, id) WHERE state IN ('pending', 'failed');
CREATE INDEX outbox_sending_conversation ON outbox (conversation_id) WHERE state = 'sending';
CREATE INDEX outbox_dead ON outbox (id DESC) WHERE state = 'dead';

CREATE TABLE delivery_budgets (
  scope        text PRIMARY KEY,
  next_at      timestamptz NOT NULL DEFAULT '-infinity',
  recent       timestamptz[] NOT NULL DEFAULT '{}',
  paused_until timestamptz NOT NULL DEFAULT '-infinity',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE delivery_throttles (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope          text NOT NULL,
  priority       smallint NOT NULL,
  status         integer NOT NULL,
  retry_after_ms integer,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_throttles_at ON delivery_throttles (at);
`;
