/**
 * Meeting papers the bot generated ("Progress on SEND Strategy and Workstreams", as a Word document). The
 * file itself is kept here, not only on disk, so that any instance on a shared PostgreSQL can serve its
 * download link and add it to its own document index.
 */
export const up = /* sql */ `
CREATE TABLE papers (
  id              bigserial PRIMARY KEY,
  title           text NOT NULL,
  -- The meeting date the paper is for (the day it was generated, in the bot's time zone).
  paper_date      date NOT NULL,
  -- The previous paper's generation time: its "changes since the last paper" start here.
  changes_since   timestamptz,
  file_name       text NOT NULL UNIQUE,
  docx            bytea NOT NULL,
  sha256          text NOT NULL,
  created_by_id   text NOT NULL,
  created_by_name text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX papers_created_at ON papers (created_at DESC);
`;
