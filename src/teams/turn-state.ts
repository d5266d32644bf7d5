/** What the bot remembers per conversation between turns (kept by Teams AI in the store). */
import type { DefaultConversationState, DefaultTempState, DefaultUserState } from '@microsoft/teams-ai';
import { TurnState } from '@microsoft/teams-ai/lib/TurnState'; // not the index: see bot-app.ts
import type { AnswerContext } from '../answering/answer-types';

/** A recent answer, so 👍/👎 feedback can be recorded with the question it was about. */
export interface RecentAnswer {
  replyId: string;
  question: string;
  excerpt: string;
}

export interface ConversationMemory extends DefaultConversationState {
  answerContext?: AnswerContext;
  recentAnswers?: RecentAnswer[];
}

export type AppTurnState = TurnState<ConversationMemory, DefaultUserState, DefaultTempState>;

export const createTurnState = (): AppTurnState => new TurnState<ConversationMemory, DefaultUserState, DefaultTempState>();
