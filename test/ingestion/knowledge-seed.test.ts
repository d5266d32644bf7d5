import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledge } from '../../src/ingestion/knowledge-base';

describe('the document index seed made at build time', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'knowledge-seed-'));
  const docs = path.join(tmp, 'docs');
  before(() => {
    fs.mkdirSync(docs);
    fs.writeFileSync(path.join(docs, 'paper.md'), '# Annual Review 2024\n\nThe review panel meets every spring to agree the priorities.\n');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a first start loads the seed for unchanged documents and keeps it as its own cache', async () => {
    const seed = path.join(tmp, 'seed.json');
    await loadKnowledge(docs, { cacheFile: seed, overridesFile: path.join(tmp, 'none.json') });
    const marked = JSON.parse(fs.readFileSync(seed, 'utf8')) as { data: { sections: { path: string[] }[] } };
    const [first] = marked.data.sections;
    assert.ok(first);
    first.path = ['SEEDED'];
    fs.writeFileSync(seed, JSON.stringify(marked));

    const cacheFile = path.join(tmp, 'data', 'index.json');
    const kb = await loadKnowledge(docs, { cacheFile, overridesFile: path.join(tmp, 'none.json'), seedCacheFile: seed });
    assert.deepEqual(kb.sections[0]?.path, ['SEEDED'], 'the index came from the seed, not a rebuild');
    assert.ok(fs.existsSync(cacheFile), 'the seed became the data folder cache');
  });

  it('a seed made for other documents is ignored and the index is built', async () => {
    const seed = path.join(tmp, 'seed.json');
    fs.writeFileSync(
      path.join(docs, 'paper.md'),
      '# Annual Review 2025\n\nThe review panel now meets every autumn to agree the priorities for the coming year.\n',
    );
    const kb = await loadKnowledge(docs, {
      cacheFile: path.join(tmp, 'other', 'index.json'),
      overridesFile: path.join(tmp, 'none.json'),
      seedCacheFile: seed,
    });
    const text = JSON.stringify(kb.sections);
    assert.doesNotMatch(text, /SEEDED/);
    assert.match(text, /autumn/);
  });
});
