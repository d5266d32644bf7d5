/**
 * A real bot whose answerer is the model answerer, composed as the server composes it (src/app.ts) with
 * the model configured through the environment, talking to a fake OpenAI-compatible server and a loopback
 * Bot Connector. The knowledge base is built from a docs folder, so a test can plant a document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientOptions } from 'openai';
import { buildKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import type { ConfiguredModel } from '../../src/teams/model/model-client';
import type { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage, type ActivityOptions } from '../support/teams-activity';
import { startTestApp } from '../support/test-app';
import { sharedTestStore } from '../store/shared-store';

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

/** The environment variables that configure `model`. */
function modelEnv(model: ConfiguredModel): Record<string, string> {
  const timeout = { OPENAI_TIMEOUT_MS: String(model.timeoutMs) };
  if (model.provider === 'azure') {
    return {
      ...timeout,
      AZURE_OPENAI_API_KEY: model.apiKey,
      AZURE_OPENAI_ENDPOINT: model.endpoint,
      AZURE_OPENAI_DEPLOYMENT: model.deployment,
      AZURE_OPENAI_API_VERSION: model.apiVersion,
    };
  }
  return { ...timeout, OPENAI_API_KEY: model.apiKey, OPENAI_MODEL: model.model, ...(model.baseUrl ? { OPENAI_BASE_URL: model.baseUrl } : {}) };
}

export async function startModelBot(options: ModelBotOptions): Promise<ModelBot> {
  const docsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-model-docs-'));
  for (const file of fs.readdirSync(path.join(repoRoot, 'data/docs')))
    fs.copyFileSync(path.join(repoRoot, 'data/docs', file), path.join(docsDir, file));
  for (const [name, text] of Object.entries(options.plant ?? {})) fs.writeFileSync(path.join(docsDir, name), text);
  const kb = await buildKnowledge(docsDir, { overridesFile: path.join(repoRoot, 'data/documents.json') });
  const t = await startTestApp({
    store: await sharedTestStore(),
    knowledge: kb,
    env: modelEnv(options.model),
    overrides: { modelClientOptions: options.clientOptions },
    jobs: 'none',
  });
  const { url, connector } = t;
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
      await t.close();
      fs.rmSync(docsDir, { recursive: true, force: true });
    },
  };
}

/** An OpenAI model config pointing at a fake server. */
export function openAIConfig(baseUrl: string, timeoutMs = 5000): ConfiguredModel {
  return { provider: 'openai', apiKey: 'sk-test', baseUrl: `${baseUrl}/v1`, model: 'gpt-test', timeoutMs };
}
