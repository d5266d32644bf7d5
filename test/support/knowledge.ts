/** The real corpus and registry, indexed once per test run (building analyses every sentence). */
import { buildKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { loadRegistry } from '../../src/workstreams/registry';
import { registrySource } from '../../src/workstreams/registry-sections';

let built: Promise<KnowledgeBase> | undefined;

export function corpusKnowledge(): Promise<KnowledgeBase> {
  built ??= buildKnowledge('data/docs', { structured: [registrySource(loadRegistry())] }).then((kb) => {
    kb.warm();
    return kb;
  });
  return built;
}
