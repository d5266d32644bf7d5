import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's defaults plus a small buffer cache: the bot's data is megabytes, and the default 128 MB of
 * shared buffers is most of an idle instance's memory. 8 MB (1 024 pages) holds the hot tables; measured
 * against 16 MB it saves ~20 MB resident (pages PostgreSQL touches at start) at no cost we could see in
 * `npm run bench` (answering, store). A deployment with a large store uses `DATABASE_URL`.
 */
export const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=8MB'];
