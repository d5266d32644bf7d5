/**
 * Prose answers written by a language model from the retrieved sections, with the offline answerer
 * as the floor: questions the offline pipeline declines never reach the model, and a timeout, rate limit, server error or unusable reply gives the offline answer with one
 * line saying the fuller answer is unavailable. Personal chats see the answer stream in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import type { ClientOptions } from 'openai';
import type { Answer, AnswerContext, Citation } from '../../answering/answer-types';
import type { Retriever } from '../../answering/model/knowledge-retriever';
import { citesSources, finalModelText, instructionEcho, modelReplySchema } from '../../answering/model/model-text';
import type { Logger } from '../../logger';
import { answerActivity } from '../answer-activity';
import type { Answerer, AnswerResult } from '../question-route';
import { AnswerStream } from './answer-stream';
import { CallMemory } from './call-memory';
import { sourceMemory } from './document-sources';
import { answerPromptName, createModelClient, type ConfiguredModel } from './model-client';

/** The one line shown above an offline answer when the model could not be used. */
export const modelUnavailableNotice = '_The fuller answer is unavailable right now, so this one comes straight from the documents._';

export interface ModelAnswererOptions {
  model: ConfiguredModel;
  /** Folder holding `answer/config.json` and `answer/skprompt.txt`. */
  promptsFolder: string;
  retrieve: Retriever;
  /** The offline answer: used when the model is not needed, not grounded, or unavailable. */
  offlineAnswer: (question: string, context: AnswerContext) => Answer | Promise<Answer>;
  logger: Logger;
  /** Extra OpenAI client options (a proxy agent, a private CA). */
  clientOptions?: ClientOptions;
}

type Outcome = { ok: true; raw: string } | { ok: false; reason: string; detail?: string };

export function createModelAnswerer(options: ModelAnswererOptions): Answerer {
  const { logger } = options;
  const client = createModelClient(options);
  const timeoutMs = options.model.timeoutMs;
  const echoesInstructions = instructionEcho(fs.readFileSync(path.join(options.promptsFolder, answerPromptName, 'skprompt.txt'), 'utf8'));

  return async (question, context, turn): Promise<AnswerResult> => {
    const offline = await options.offlineAnswer(question, context);
    // A question the documents do not cover (or about someone they do not name) is declined, not guessed at.
    if (!turn || offline.kind === 'decline') return { answer: offline };

    const memory = new CallMemory({ [sourceMemory.query]: question, [sourceMemory.context]: context, 'temp.input': userMessage(question, context) });
    const sources = () => memory.getValue<Citation[] | undefined>(sourceMemory.sources) ?? [];
    const watchdog = new Watchdog(timeoutMs);
    const stream =
      turn.activity.conversation?.conversationType === 'personal'
        ? new AnswerStream(turn, sources, () => watchdog.reset(), echoesInstructions)
        : undefined;
    if (stream) {
      memory.setValue('temp.streamer', stream);
      stream.begin();
    }

    const t0 = performance.now();
    const outcome = await complete(client, turn, memory, stream, watchdog);
    stream?.close();
    const ms = Math.round(performance.now() - t0);

    let answer: Answer = offline;
    let notice: string | undefined;
    if (!outcome.ok) {
      notice = modelUnavailableNotice;
      logger.warn({ reason: outcome.reason, detail: outcome.detail, ms }, 'model answer unavailable; sent the offline answer');
    } else {
      const text = finalModelText(outcome.raw);
      const cited = sources();
      if (echoesInstructions(text)) {
        logger.warn({ ms }, 'model reply repeated its instructions; sent the offline answer');
      } else if (citesSources(text, cited.length)) {
        answer = { kind: 'answer', text, citations: cited, context: offline.context };
      } else {
        // An uncited reply is a refusal or ungrounded; either way the offline answer stands.
        logger.info({ ms, chars: text.length }, 'model reply cited no source; sent the offline answer');
      }
      logger.debug({ ms, sources: cited.length, grounded: answer !== offline }, 'model answered');
    }
    if (!stream) return { answer, notice };
    const deliveredId = await stream.finish(answerActivity(answer, { feedback: answer.kind === 'answer', prefix: notice }));
    return { answer, notice, deliveredId };
  };
}

/** The user turn: the question, with the previous one when it may be a follow-up. */
function userMessage(question: string, context: AnswerContext): string {
  return context.lastQuestion && context.lastQuestion !== question
    ? `Previous question in this chat (for context only): ${context.lastQuestion}\n\nQuestion: ${question}`
    : question;
}

async function complete(
  client: ReturnType<typeof createModelClient>,
  turn: TurnContext,
  memory: CallMemory,
  stream: AnswerStream | undefined,
  watchdog: Watchdog,
): Promise<Outcome> {
  const planner = stream ? client.streaming : client.whole;
  const call = planner.completePrompt<string>(turn, memory, answerPromptName).then(
    (response): Outcome => {
      if (response.status !== 'success') return { ok: false, reason: response.status, detail: response.error?.message };
      const content = stream ? stream.text : response.message?.content;
      const parsed = modelReplySchema.safeParse(content);
      return parsed.success ? { ok: true, raw: parsed.data } : { ok: false, reason: 'malformed', detail: 'empty or non-text reply' };
    },
    (err: unknown): Outcome => ({ ok: false, reason: 'error', detail: err instanceof Error ? err.message : String(err) }),
  );
  try {
    return await Promise.race([
      call,
      watchdog.expired.then((): Outcome => ({ ok: false, reason: 'timeout', detail: `no progress for ${watchdog.ms} ms` })),
    ]);
  } finally {
    watchdog.stop();
  }
}

/**
 * Fires when the model makes no progress for `ms`: no reply at all, or no new chunk of a streamed
 * one. The HTTP request itself is bounded by the client's own per-attempt timeout.
 */
class Watchdog {
  readonly expired: Promise<void>;
  private timer?: NodeJS.Timeout;
  private fire: () => void = () => undefined;

  constructor(readonly ms: number) {
    this.expired = new Promise((resolve) => (this.fire = resolve));
    this.reset();
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.fire, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
