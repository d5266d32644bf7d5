#!/usr/bin/env node
/**
 * `npm run sql -- "<statement>" [params…]`: runs one SQL statement against the bot's store and prints the
 * rows as JSON — for an operator looking at the outbox, a dead letter, roles or the audit log
 * (docs/operating.md). With DATABASE_URL it asks that server; otherwise it opens the embedded database
 * in DATA_DIR/pglite, which only one process may have open: stop the bot first.
 * Plain JavaScript on production dependencies only, so it works in a production install and the image.
 */
'use strict';
const path = require('node:path');

async function main() {
  const [statement, ...params] = process.argv.slice(2);
  if (!statement) {
    console.error('usage: npm run sql -- "SELECT state, count(*) FROM outbox GROUP BY state" [params…]');
    return 2;
  }
  const url = process.env.DATABASE_URL && process.env.DATABASE_URL.trim();
  if (url) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      console.log(JSON.stringify((await client.query(statement, params)).rows, null, 2));
    } finally {
      await client.end();
    }
    return 0;
  }
  const dataDir = path.resolve(process.env.DATA_DIR || '.data', 'pglite');
  const { PGlite } = require('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir });
  try {
    console.log(JSON.stringify((await db.query(statement, params)).rows, null, 2));
  } finally {
    await db.close();
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
