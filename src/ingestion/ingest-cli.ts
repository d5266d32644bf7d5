/**
 * `npm run ingest [dir]`: ingests the documents (default `data/docs`), refreshes the index cache in
 * `.data/index.json`, and prints what it found per document.
 */
import { performance } from 'node:perf_hooks';
import { buildKnowledge, loadKnowledge } from './knowledge-base';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? 'data/docs';
  const t0 = performance.now();
  const built = await buildKnowledge(dir);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  await loadKnowledge(dir);
  const t2 = performance.now();
  const kb = await loadKnowledge(dir);
  const cachedMs = performance.now() - t2;
  for (const d of built.documents) {
    const count = built.sections.filter((s) => s.docId === d.id).length;
    console.log(
      `${d.id}\n  title: ${d.title}\n  date: ${d.date ?? 'unknown'}  status: ${d.status}  sections: ${count}  files: ${d.files.join(', ')}`,
    );
  }
  console.log(`glossary: ${kb.glossary.length} acronyms; ${kb.sections.length} sections; vocabulary ${kb.vocabulary.size} words`);
  console.log(`build ${buildMs.toFixed(0)} ms; load+cache write ${(t2 - t1).toFixed(0)} ms; load from cache ${cachedMs.toFixed(0)} ms`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
