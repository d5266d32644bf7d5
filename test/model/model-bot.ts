/**
 * A real bot (Teams AI app, restify server, /api/messages) whose answerer is the model answerer,
 * talking to a fake OpenAI-compatible server and a loopback Bot Connector. The knowledge base is
 * built from a docs folder, so a test can plant a document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import type { ClientOptions } from 'openai';
import { answerQuestion } from '../../src/answering/answer-question';
import { knowledgeRetriever } from '../../src/answering/model/knowledge-retriever';
import { createModelAnswerer } from '../../src/answering/model/model-answerer';
import type { ConfiguredModel } from '../../src/answering/model/model-client';
import { createServer } from '../../src/http/server';
import { buildKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { createLogger } from '../../src/logger';
import { createBot } from '../../src/teams/bot-app';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage, type ActivityOptions } from '../support/teams-activity';

export const repoRoot = path.resolve(__dirname, '../..');
export const promptsFolder = path.join(repoRoot, 'prompts');

export interface ModelBotOptions {
  model: ConfiguredModel;
  /** Extra documents to place beside the corpus: file name → text. */
  plant?: Record<string, string>;
  clientOptions?: ClientOptions;
}

export interface ModelBot {
  url: string;
  connector: LoopbackConnector;
  kb: KnowledgeBase;
  /** Posts a Teams message and waits until the bot has finished the turn. */
  ask: (text: string, options?: ActivityOptions) => Promise<{ conversationId: string; status: number }>;
  stop: () => Promise<void>;
}

export async function startModelBot(options: ModelBotOptions): Promise<ModelBot> {
  const docsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-model-docs-'));
  for (const file of fs.readdirSync(path.join(repoRoot, 'data/docs'))) fs.copyFileSync(path.join(repoRoot, 'data/docs', file), path.join(docsDir, file));
  for (const [name, text] of Object.entries(options.plant ?? {})) fs.writeFileSync(path.join(docsDir, name), text);
  const kb = await buildKnowledge(docsDir, { overridesFile: path.join(repoRoot, 'data/documents.json') });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const connector = await new LoopbackConnector().listen();
  const answerer = createModelAnswerer({
    model: options.model,
    promptsFolder,
    retrieve: knowledgeRetriever(kb),
    offlineAnswer: (question, context) => answerQuestion(kb, question, context),
    logger,
    clientOptions: options.clientOptions,
  });
  const bot = createBot({
    config: { bot: { appType: 'MultiTenant', anonymous: true } },
    logger,
    storage: new MemoryStorage(),
    answerer,
    recordFeedback: async () => undefined,
  });
  const server = createServer({ logger, maxBodyBytes: 256 * 1024, onMessages: bot.process, health: async () => ({ ok: true }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    connector,
    kb,
    ask: async (text, activityOptions = {}) => {
      const activity = teamsMessage(connector.url, text, activityOptions);
      const res = await postActivity(url, activity);
      return { conversationId: (activity.conversation as { id: string }).id, status: res.status };
    },
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      fs.rmSync(docsDir, { recursive: true, force: true });
    },
  };
}

/** An OpenAI model config pointing at a fake server. */
export function openAIConfig(baseUrl: string, timeoutMs = 5000): ConfiguredModel {
  return { provider: 'openai', apiKey: 'sk-test', baseUrl: `${baseUrl}/v1`, model: 'gpt-test', timeoutMs };
}
