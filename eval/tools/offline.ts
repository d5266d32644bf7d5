/**
 * The offline answerer as the eval tools run it, without the bot around it: the knowledge base built as the
 * bot builds it, and a question set asked in order, threads sharing their conversation's context.
 */
import { performance } from 'node:perf_hooks';
import { answerQuestion } from '../../src/answering/answer-question';
import type { Answer, AnswerContext } from '../../src/answering/answer-types';
import { buildKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { loadRegistry } from '../../src/workstreams/registry';
import { registrySource } from '../../src/workstreams/registry-sections';
import { failures, type Question } from './question-file';

/** The documents of `data/docs` with the workstream registry, warmed. */
export async function loadKnowledge(): Promise<KnowledgeBase> {
  const kb = await buildKnowledge('data/docs', { structured: [registrySource(loadRegistry())] });
  kb.warm();
  return kb;
}

export interface Asked {
  question: Question;
  answer: Answer;
  /** Why the answer fails the question's checks; empty when it passes. */
  why: string[];
  ms: number;
}

/** Asks every question in order; a question with a `thread` continues that thread's conversation. */
export function askAll(kb: KnowledgeBase, questions: readonly Question[]): Asked[] {
  const threads = new Map<string, AnswerContext>();
  return questions.map((question) => {
    const context = question.thread ? (threads.get(question.thread) ?? {}) : {};
    const start = performance.now();
    const answer = answerQuestion(kb, question.ask, context);
    const ms = performance.now() - start;
    if (question.thread) threads.set(question.thread, answer.context);
    const cited = `${answer.text}\n${answer.citations.map((c) => `${c.title} ${c.section}`).join('\n')}`;
    return { question, answer, why: failures(question, answer.text, cited), ms };
  });
}
