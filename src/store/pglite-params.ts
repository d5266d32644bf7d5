import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's defaults plus a smaller buffer cache: the bot's data is megabytes, and the default 128 MB of
 * shared buffers is most of an idle instance's memory.
 */
export const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
