/**
 * `npm run feedback-report [-- --since YYYY-MM-DD] [--limit N]`: prints the feedback report from the
 * store the bot uses (DATA_DIR or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openStore } from '../store/open-store';
import { feedbackReport } from './feedback-report';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { since: { type: 'string' }, limit: { type: 'string' } } });
  const since = values.since ? new Date(`${values.since}T00:00:00Z`) : undefined;
  if (since && Number.isNaN(since.getTime())) throw new Error(`--since must be a date (YYYY-MM-DD), not "${values.since}"`);
  const config = loadConfig();
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    console.log(await feedbackReport(store, { since, limit: values.limit ? Number(values.limit) : undefined }));
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
