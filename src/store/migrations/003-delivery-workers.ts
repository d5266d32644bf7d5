/**
 * Delivery workers that are alive, as each last said so. A worker writes its row every couple of seconds;
 * a claim whose worker has stopped writing (killed, host gone) can be taken over within seconds instead
 * of when its lease runs out.
 */
export const up = /* sql */ `
CREATE TABLE delivery_workers (
  worker_id text PRIMARY KEY,
  seen_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_claimed_by ON outbox (claimed_by) WHERE state = 'sending';
`;
