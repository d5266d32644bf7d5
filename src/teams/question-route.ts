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

/** Answers one question; may take time (a model) or be instant (the offline index). */
export type Answerer = (question: string, context: AnswerContext) => Promise<{ answer: Answer; notice?: string }>;

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
    const { answer, notice } = await withTyping(context, () => answerer(question, previous));
    const sent = await context.sendActivity(answerActivity(answer, { feedback: answer.kind === 'answer', prefix: notice }));
    state.conversation.answerContext = { ...answer.context, lastQuestion: question };
    if (sent?.id && answer.kind === 'answer') {
      const recent: RecentAnswer = { replyId: sent.id, question, excerpt: answer.text.slice(0, 300) };
      state.conversation.recentAnswers = [recent, ...(state.conversation.recentAnswers ?? [])].slice(0, keepRecent);
    }
    logger.debug({ kind: answer.kind, citations: answer.citations.length }, 'answered');
  };
}
