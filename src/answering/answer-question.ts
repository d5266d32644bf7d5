/**
 * The offline answer path: the workstream registry answers what it knows precisely (leads,
 * members, status); everything else is answered from the documents.
 */
import fs from 'node:fs';
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import { DEFAULT_REGISTRY_PATH, loadRegistry, type WorkstreamRegistry } from '../workstreams/registry';
import { answerFromRegistry } from '../workstreams/workstream-answers';
import { answerFromDocuments } from './answer-from-documents';
import type { Answer, AnswerContext } from './answer-types';

/** Registry look-up signature, as exported by `src/workstreams/workstream-answers.ts`. */
export type RegistryAnswerer = (registry: WorkstreamRegistry, question: string, context: AnswerContext) => Answer | null;

/**
 * Tries the registry first, then the documents. `fromRegistry` defaults to the workstream
 * answerer; callers may pass their own (tests, a wrapped answerer).
 */
export function answerQuestion(
  kb: KnowledgeBase,
  registry: WorkstreamRegistry | null,
  question: string,
  context: AnswerContext,
  fromRegistry: RegistryAnswerer = answerFromRegistry,
): Answer {
  const registered = registry ? fromRegistry(registry, question, context) : null;
  return registered ?? answerFromDocuments(kb, question, context);
}

/** The committed registry, or null when the file is absent (documents still answer). */
export function loadOptionalRegistry(file: string = DEFAULT_REGISTRY_PATH): WorkstreamRegistry | null {
  return fs.existsSync(file) ? loadRegistry(file) : null;
}
