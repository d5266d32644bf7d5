/**
 * The first schema: everything the bot remembers. PostgreSQL 15+ SQL, run unchanged by PGlite and by a server.
 * Dates without a time (issued_on, due_on, milestone due) are `date`; moments are `timestamptz`.
 */
export const up = /* sql */ `
CREATE TABLE conversations (
  conversation_id    text PRIMARY KEY,
  conversation_type  text NOT NULL CHECK (conversation_type IN ('personal', 'groupChat', 'channel')),
  service_url        text NOT NULL,
  tenant_id          text,
  team_id            text,
  channel_id         text,
  user_aad_object_id text,
  reference          jsonb NOT NULL,
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_team ON conversations (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX conversations_user ON conversations (user_aad_object_id) WHERE user_aad_object_id IS NOT NULL;

CREATE TABLE subscriptions (
  conversation_id text NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
  topic           text NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  subscribed_by   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions (topic) WHERE active;

CREATE TABLE roles (
  aad_object_id text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'executive', 'officer', 'lead')),
  -- '' for a role that applies everywhere; a workstream slug for a lead.
  scope         text NOT NULL DEFAULT '',
  granted_by    text NOT NULL,
  granted_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (aad_object_id, role, scope)
);

CREATE TABLE workstream_status (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug                 text NOT NULL,
  status               text NOT NULL CHECK (status IN ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')),
  summary              text NOT NULL DEFAULT '',
  next_milestone_title text,
  next_milestone_due   date,
  author_id            text NOT NULL,
  author_name          text NOT NULL,
  source               text NOT NULL CHECK (source IN ('teams', 'api')),
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workstream_status_slug ON workstream_status (slug, created_at DESC, id DESC);
CREATE INDEX workstream_status_created ON workstream_status (created_at);

CREATE TABLE concerns (
  id              text PRIMARY KEY,
  kind            text NOT NULL,
  rating          text,
  previous_rating text,
  school_name     text,
  school_urn      text,
  school_phase    text,
  workstream_slug text,
  summary         text NOT NULL,
  raised_by       text NOT NULL,
  raised_by_id    text,
  source          text NOT NULL DEFAULT 'teams' CHECK (source IN ('teams', 'api')),
  issued_on       date,
  due_on          date,
  deadlines       jsonb NOT NULL DEFAULT '[]',
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'assigned', 'resolved')),
  assignee_id     text,
  assignee_name   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX concerns_unresolved ON concerns (created_at) WHERE status <> 'resolved';
CREATE INDEX concerns_workstream ON concerns (workstream_slug) WHERE workstream_slug IS NOT NULL;

CREATE TABLE concern_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  concern_id text NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
  event      text NOT NULL,
  actor_id   text NOT NULL,
  actor_name text NOT NULL,
  note       text,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX concern_events_concern ON concern_events (concern_id, at, id);

CREATE TABLE outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id  text NOT NULL,
  dedupe_key       text NOT NULL,
  payload          jsonb NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  claimed_by       text,
  claimed_until    timestamptz,
  sent_activity_id text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- The same alert is never queued twice for one conversation, however many instances raise it.
  UNIQUE (conversation_id, dedupe_key)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state IN ('pending', 'failed');
CREATE INDEX outbox_leased ON outbox (claimed_until) WHERE state = 'sending';

CREATE TABLE idempotency_keys (
  scope           text NOT NULL,
  key             text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer NOT NULL,
  response_body   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE feedback (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL,
  activity_id     text,
  user_id         text,
  reaction        text NOT NULL CHECK (reaction IN ('like', 'dislike')),
  text            text,
  question        text,
  answer_excerpt  text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TABLE job_runs (
  job_name   text NOT NULL,
  period_key text NOT NULL,
  started_by text,
  started_at timestamptz NOT NULL DEFAULT now(),
  -- One row per job and period: whoever inserts it first runs the job, everyone else skips.
  PRIMARY KEY (job_name, period_key)
);

CREATE TABLE audit_log (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor   text NOT NULL,
  action  text NOT NULL,
  target  text,
  details jsonb NOT NULL DEFAULT '{}',
  at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

CREATE TABLE bot_state (
  key        text PRIMARY KEY,
  doc        jsonb NOT NULL,
  etag       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
