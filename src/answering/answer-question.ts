/**
 * The offline answer path: the workstream registry answers what it knows precisely (leads,
 * members, status); everything else is answered from the documents.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import { answerFromDocuments } from './answer-from-documents';
import type { Answer, AnswerContext } from './answer-types';

/** Registry look-up signature, as exported by `src/workstreams/workstream-answers.ts`. */
type RegistryAnswerer<R> = (registry: R, question: string, context: AnswerContext) => Answer | null;

/** Tries the registry first, then the documents. */
export function answerQuestion<R>(kb: KnowledgeBase, registry: R | null, question: string, context: AnswerContext, fromRegistry?: RegistryAnswerer<R>): Answer {
  const registered = registry && fromRegistry ? fromRegistry(registry, question, context) : null;
  return registered ?? answerFromDocuments(kb, question, context);
}

/** Placeholder until the workstream registry lands. */
export function loadOptionalRegistry(): null {
  return null;
}
