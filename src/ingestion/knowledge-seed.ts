/**
 * Run by `npm run build`: indexes `data/docs` into `dist/knowledge-seed.json`, the cache a first start on
 * an empty DATA_DIR loads instead of building the index (see `seedCacheFile` in knowledge-base.ts).
 */
import path from 'node:path';
import { loadRegistry } from '../workstreams/registry';
import { registrySource } from '../workstreams/registry-sections';
import { loadKnowledge } from './knowledge-base';

/** `dist/knowledge-seed.json` for the compiled code. */
export const knowledgeSeedFile = path.resolve(__dirname, '..', '..', 'knowledge-seed.json');

if (require.main === module) {
  const structured = [registrySource(loadRegistry(path.resolve('data', 'workstreams.json')))];
  loadKnowledge(path.resolve('data', 'docs'), {
    cacheFile: knowledgeSeedFile,
    overridesFile: path.resolve('data', 'documents.json'),
    structured,
  }).then(
    (kb) => console.log(`document index seed written to ${path.relative(process.cwd(), knowledgeSeedFile)} (${kb.sections.length} sections)`),
    (err: unknown) => console.error('could not make the document index seed (a first start will build it):', err),
  );
}
