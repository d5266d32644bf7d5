/**
 * The real entry point: `start()` picks the model answerer only when a key is configured, and even
 * then registry answers keep priority.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, type RunningBot } from '../../src/index';
import { FakeOpenAI } from '../support/fake-openai';
import { testEnv } from '../support/bot-under-test';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage } from '../support/teams-activity';
import { sharedTestStore } from '../store/shared-store';

const prose = 'How are schools categorised by the RAYG ratings?';

async function startWith(env: Record<string, string>): Promise<RunningBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-model-start-'));
  return start({ port: 0, env: { ...testEnv, DATA_DIR: dataDir, ...env }, store: await sharedTestStore() });
}

describe('choosing the answerer at start', () => {
  let fake: FakeOpenAI;
  let connector: LoopbackConnector;
  const running: RunningBot[] = [];

  before(async () => {
    fake = await new FakeOpenAI().listen();
    connector = await new LoopbackConnector().listen();
  });
  after(async () => {
    for (const bot of running) await bot.stop();
    await connector.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const ask = async (bot: RunningBot, text: string) => {
    const activity = teamsMessage(connector.url, text, { conversationType: 'groupChat' });
    await postActivity(bot.url, activity);
    return connector.messages((activity.conversation as { id: string }).id);
  };

  it('with OPENAI_API_KEY, questions go to the model, workstream ones with the registry passages as sources', async () => {
    const bot = await startWith({ OPENAI_API_KEY: 'sk-start', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODEL: 'gpt-start' });
    running.push(bot);
    assert.equal(bot.config.model.provider, 'openai');
    fake.reply({ text: 'Schools are grouped by risk [1].' });
    const [answer] = await ask(bot, prose);
    assert.equal(answer?.text, 'Schools are grouped by risk [1].');
    assert.equal(fake.completions().length, 1);
    assert.equal(fake.completions()[0]?.body.model, 'gpt-start');

    fake.reset();
    fake.reply({ text: 'David Killgallon leads it [1].' });
    const [registered] = await ask(bot, 'Who leads the Quality SEND Offer workstream?');
    assert.equal(fake.completions().length, 1, 'one pipeline: the model writes workstream answers too');
    assert.match(JSON.stringify(fake.completions()[0]?.body), /Killgallon/, 'from the registry passage');
    assert.match(registered?.text ?? '', /Killgallon/);
  });

  it('without a key (a base URL alone is not enough), nothing of the model path runs', async () => {
    const bot = await startWith({ OPENAI_BASE_URL: `${fake.url}/v1` });
    running.push(bot);
    assert.equal(bot.config.model.provider, 'none');
    const [answer] = await ask(bot, prose);
    assert.ok((answer?.text ?? '').length > 0);
    assert.equal(fake.requests.length, 0);
  });
});
