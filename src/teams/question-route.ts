/**
 * The catch-all message route: a question in, an answer with citations out. Everything that is not
 * a command ends up here.
 */
import type { TurnContext } from 'botbuilder';
import type { Answer, AnswerContext } from '../answering/answer-types';
import type { Logger } from '../logger';
import { answerActivity } from './answer-activity';
import { cleanMessageText, maxQuestionChars } from './message-text';
import type { AppTurnState, RecentAnswer } from './turn-state';
import { withTyping } from './typing';

export interface AnswerResult {
  answer: Answer;
  /** One short line shown above the answer (e.g. that the fuller model answer is unavailable). */
  notice?: string;
  /** Set when the answerer delivered the reply itself (a streamed answer): that message's id. */
  deliveredId?: string;
}

/**
 * Answers one question; may take time (a model) or be instant (the offline index). `turn` is the
 * Teams turn, for answerers that call a model through Teams AI or stream their reply.
 */
export type Answerer = (question: string, context: AnswerContext, turn?: TurnContext) => Promise<AnswerResult>;

const keepRecent = 20;

export function questionHandler(answerer: Answerer, logger: Logger) {
  return async (context: TurnContext, state: AppTurnState): Promise<void> => {
    const question = cleanMessageText(context.activity.text);
    if (!question) {
      if (context.activity.value !== undefined) {
        await context.sendActivity("I didn't recognise that card action. Type **help** to see what I can do.");
      } else {
        await context.sendActivity('I didn\'t get a question there. Ask me something like "Who leads the autism workstream?", or type **help**.');
      }
      return;
    }
    if (question.length > maxQuestionChars) {
      await context.sendActivity(
        `That message is ${question.length.toLocaleString('en-GB')} characters long — too long for me to answer well. Please ask a shorter question (up to ${maxQuestionChars.toLocaleString('en-GB')} characters).`,
      );
      return;
    }
    const previous = state.conversation.answerContext ?? {};
    const { answer, notice, deliveredId } = await withTyping(context, () => answerer(question, previous, context));
    const sentId = deliveredId ?? (await context.sendActivity(answerActivity(answer, { feedback: answer.kind === 'answer', prefix: notice })))?.id;
    state.conversation.answerContext = { ...answer.context, lastQuestion: question };
    if (sentId && answer.kind === 'answer') {
      const recent: RecentAnswer = { replyId: sentId, question, excerpt: answer.text.slice(0, 300) };
      state.conversation.recentAnswers = [recent, ...(state.conversation.recentAnswers ?? [])].slice(0, keepRecent);
    }
    logger.debug({ kind: answer.kind, citations: answer.citations.length }, 'answered');
  };
}
