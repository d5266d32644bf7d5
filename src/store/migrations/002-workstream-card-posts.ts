/**
 * Workstream and dashboard cards the bot posted as replies (not through the outbox): where they are, so a
 * status update can refresh them in place for everyone in that conversation.
 */
export const up = /* sql */ `
CREATE TABLE workstream_card_posts (
  conversation_id text NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
  activity_id     text NOT NULL,
  -- A workstream slug, or '' for the dashboard.
  slug            text NOT NULL,
  posted_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, activity_id)
);
CREATE INDEX workstream_card_posts_slug ON workstream_card_posts (slug, posted_at DESC);
`;
