/**
 * Azure OpenAI: the same answer path over the Azure URL form
 * (`/openai/deployments/{deployment}/chat/completions?api-version=…`, `api-key` header), served over
 * HTTPS on loopback as Azure endpoints must be.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { FakeOpenAI } from '../support/fake-openai';
import { startModelBot, type ModelBot } from './model-bot';

const fixtures = path.join(__dirname, 'fixtures');
const cert = fs.readFileSync(path.join(fixtures, 'localhost-cert.pem'));
const key = fs.readFileSync(path.join(fixtures, 'localhost-key.pem'));

describe('model answers through Azure OpenAI', () => {
  let fake: FakeOpenAI;
  let bot: ModelBot;

  before(async () => {
    fake = await new FakeOpenAI({ tls: { key, cert } }).listen();
    bot = await startModelBot({
      model: { provider: 'azure', apiKey: 'azure-key', endpoint: fake.url, deployment: 'herts-gpt', apiVersion: '2024-06-01', timeoutMs: 5000 },
      // The test server's self-signed certificate, trusted for this client only.
      clientOptions: { httpAgent: new https.Agent({ ca: cert }) },
    });
  });
  after(async () => {
    await bot.stop();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  for (const conversationType of ['groupChat', 'personal'] as const) {
    it(`calls the deployment URL with the api-version and api-key (${conversationType})`, async () => {
      fake.reply({ text: 'Schools are grouped by the risk they present [1].' });
      const { conversationId } = await bot.ask('How are schools categorised by the RAYG ratings?', { conversationType });
      const [request] = fake.completions();
      assert.equal(request?.path, '/openai/deployments/herts-gpt/chat/completions');
      assert.equal(request?.deployment, 'herts-gpt');
      assert.equal(request?.query['api-version'], '2024-06-01');
      assert.equal(request?.headers['api-key'], 'azure-key');
      assert.equal(request?.body.stream, conversationType === 'personal' ? true : undefined);
      const [reply] = bot.connector.messages(conversationId);
      assert.equal(reply?.text, 'Schools are grouped by the risk they present [1].');
      const ai = (reply?.entities ?? []).find((e) => e.type === 'https://schema.org/Message') as { citation?: unknown[] } | undefined;
      assert.equal(ai?.citation?.length, 1);
    });
  }
});
