import assert from 'node:assert/strict';
import { buildKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { search } from '../../src/answering/search';
import { queryTerms } from '../../src/answering/query-terms';

describe('section retrieval', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await buildKnowledge('data/docs');
  });
  const topHeading = (q: string): string => {
    const hit = search(kb, q, { limit: 1 })[0];
    return hit ? hit.section.path[hit.section.path.length - 1] : '';
  };

  it('matches inflected forms through stemming ("chaired" finds "chair")', () => {
    assert.equal(topHeading('Who chaired the Quadrant School Effectiveness Boards?'), 'Quadrant School Effectiveness Boards');
  });

  it('corrects misspelt words against the corpus vocabulary', () => {
    const terms = queryTerms(kb, 'behavour alternative provison');
    assert.deepEqual(terms.filter((t) => t.origin === 'corrected').map((t) => t.word).sort(), ['behaviour', 'provision']);
    assert.equal(topHeading('behavour and alternative provison'), 'Behaviour and Alternative Provision');
  });

  it('expands an acronym to its glossary words and a glossary phrase to its acronym', () => {
    const fromAcronym = queryTerms(kb, 'HASSH').map((t) => t.word);
    assert.ok(fromAcronym.includes('headteachers'));
    const fromPhrase = queryTerms(kb, 'what do school effectiveness advisers do').map((t) => t.word);
    assert.ok(fromPhrase.includes('seas'));
    assert.match(topHeading('What does HASSH do?'), /HASSH/);
  });

  it('ranks a current document above the superseded one for a shared topic', () => {
    const hit = search(kb, 'school improvement strategy vision', { limit: 1 })[0];
    assert.notEqual(hit.document.status, 'superseded');
  });

  it('returns nothing for words the corpus never uses', () => {
    assert.deepEqual(search(kb, 'zebra xylophone'), []);
  });
});
