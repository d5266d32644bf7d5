/**
 * The Teams AI objects that talk to the model: an `OpenAIModel` for OpenAI, Azure OpenAI or any
 * OpenAI-compatible server, the prompt manager that loads `prompts/answer`, and one `ActionPlanner`
 * per delivery mode (streamed for personal chats, one message elsewhere).
 */
import { ActionPlanner, OpenAIModel, PromptManager, type OpenAIModelOptions, type AzureOpenAIModelOptions } from '@microsoft/teams-ai';
import type { ClientOptions } from 'openai';
import type { ModelConfig } from '../../config';
import type { Retriever } from '../../answering/model/knowledge-retriever';
import { DocumentSources } from './document-sources';

/** The prompt folder name under `prompts/`. */
export const answerPromptName = 'answer';

/** Retries after the first attempt, for 429, 5xx and dropped connections. */
export const maxModelRetries = 2;

export type ConfiguredModel = Exclude<ModelConfig, { provider: 'none' }>;

export interface ModelClientOptions {
  model: ConfiguredModel;
  /** Folder holding `answer/config.json` and `answer/skprompt.txt`. */
  promptsFolder: string;
  retrieve: Retriever;
  /** Passages to retrieve per question. */
  sourceLimit?: number;
  /**
   * Extra options for the OpenAI client (a proxy agent, a private CA). Base URL, key, timeout and
   * retries come from config.
   */
  clientOptions?: ClientOptions;
}

export interface ModelClient {
  /** Plans with a streaming model: chunks arrive through the planner's streamer. */
  streaming: ActionPlanner;
  /** Plans with a non-streaming model: the whole reply at once. */
  whole: ActionPlanner;
  prompts: PromptManager;
}

function openAIModel(config: ConfiguredModel, stream: boolean, clientOptions: ClientOptions | undefined): OpenAIModel {
  // The client's own timeout bounds each attempt; the answerer's watchdog bounds the whole answer.
  const base = {
    stream,
    maxRetries: maxModelRetries,
    useSystemMessages: true,
    clientOptions: { ...clientOptions, timeout: config.timeoutMs, maxRetries: maxModelRetries },
  };
  if (config.provider === 'azure') {
    const options: AzureOpenAIModelOptions = {
      ...base,
      azureApiKey: config.apiKey,
      azureEndpoint: config.endpoint,
      azureDefaultDeployment: config.deployment,
      azureApiVersion: config.apiVersion,
    };
    return new OpenAIModel(options);
  }
  const options: OpenAIModelOptions = { ...base, apiKey: config.apiKey, defaultModel: config.model, endpoint: config.baseUrl };
  return new OpenAIModel(options);
}

export function createModelClient(options: ModelClientOptions): ModelClient {
  const prompts = new PromptManager({ promptsFolder: options.promptsFolder });
  prompts.addDataSource(new DocumentSources({ retrieve: options.retrieve, limit: options.sourceLimit }));
  const planner = (stream: boolean) =>
    new ActionPlanner({ model: openAIModel(options.model, stream, options.clientOptions), prompts, defaultPrompt: answerPromptName });
  return { streaming: planner(true), whole: planner(false), prompts };
}
