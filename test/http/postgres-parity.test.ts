import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, type RunningBot } from '../../src/index';
import { isolatedPostgresUrl, POSTGRES_SKIP_REASON, testDatabaseUrl } from '../store/shared-store';
import { sharedBot, testEnv } from '../support/bot-under-test';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage } from '../support/teams-activity';

/** One conversation of questions, as a person would ask them; the last ones are follow-ups. */
const questions = [
  'Who leads the special schools workstream?',
  'Which parents are on it?',
  'What does HASSH stand for?',
  'How long is the compliance period for a warning notice?',
  'Who chairs a Quadrant School Effectiveness Board?',
  "What's the best restaurant in St Albans?",
];

async function askAll(bot: RunningBot, connector: LoopbackConnector, conversationId: string): Promise<string[]> {
  const texts: string[] = [];
  for (const q of questions) {
    const before = connector.messages(conversationId).length;
    await postActivity(bot.url, teamsMessage(connector.url, q, { conversationId }));
    const replies = await connector.waitFor(conversationId, (m) => m.length > before);
    texts.push(
      replies
        .slice(before)
        .map((r) => r.text ?? JSON.stringify(r.attachments))
        .join('\n'),
    );
  }
  return texts;
}

describe('the bot on PostgreSQL (DATABASE_URL)', () => {
  if (!testDatabaseUrl()) {
    it(POSTGRES_SKIP_REASON);
    return;
  }
  let onPostgres: RunningBot;
  let connector: LoopbackConnector;
  before(async () => {
    connector = await new LoopbackConnector().listen();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-pg-bot-'));
    onPostgres = await start({ port: 0, env: { ...testEnv, DATA_DIR: dataDir, DATABASE_URL: await isolatedPostgresUrl() } });
  });
  after(async () => {
    await onPostgres?.stop();
    await connector?.close();
  });

  it('reports the postgres store on /healthz', async () => {
    const health = (await (await fetch(`${onPostgres.url}/healthz`)).json()) as { store: string; storeOk: boolean };
    assert.equal(health.store, 'postgres');
    assert.equal(health.storeOk, true);
  });

  it('answers a conversation, follow-ups included, exactly as the embedded default does', async () => {
    const embedded = await sharedBot();
    const expected = await askAll(embedded.bot, embedded.connector, `a:parity-embedded-${process.pid}`);
    const actual = await askAll(onPostgres, connector, `a:parity-postgres-${process.pid}`);
    assert.match(actual[1] ?? '', /Leise Cooper/, 'the follow-up used the remembered workstream');
    assert.deepEqual(actual, expected);
  });
});
