import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildKnowledge, loadKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { answerQuestion } from '../../src/answering/answer-question';
import { searchText } from '../../src/answering/retrieve';
import { makeDocx, makePdf } from './fixtures/make-fixtures';

const PDF_LINES = [
  { text: 'Hertfordshire Governor Induction Handbook', heading: true },
  { text: 'Welcome to governance', heading: true },
  { text: 'Every new governor completes the induction course within six months of appointment.' },
  { text: 'Clerking arrangements', heading: true },
  { text: 'The clerk circulates papers seven days before each meeting of the full governing body.' },
];

const DOCX_LINES = [
  { text: 'Hertfordshire Attendance Improvement Protocol', heading: true },
  { text: 'Purpose of the protocol', heading: true },
  { text: 'The protocol sets out how schools and the attendance team respond when a pupil misses school.' },
  { text: 'Persistent absence', heading: true },
  { text: 'A pupil is persistently absent when they miss ten per cent or more of their possible sessions.' },
  { text: 'The attendance officer contacts the family within three school days of the first unexplained absence.' },
];

describe('PDF and Word documents in the documents folder', () => {
  let dir: string;
  let kb: KnowledgeBase;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-formats-'));
    fs.writeFileSync(path.join(dir, 'governor-handbook.pdf'), makePdf(PDF_LINES));
    fs.writeFileSync(path.join(dir, 'attendance-protocol.docx'), await makeDocx(DOCX_LINES));
    kb = await buildKnowledge(dir, { overridesFile: path.join(dir, 'no-overrides.json') });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('indexes each file as its own document titled by its first heading', () => {
    const titles = kb.documents.map((d) => d.title).sort();
    assert.deepEqual(titles, ['Hertfordshire Attendance Improvement Protocol', 'Hertfordshire Governor Induction Handbook']);
    assert.deepEqual(kb.documentById.get('governor-handbook')?.files, ['governor-handbook.pdf']);
  });

  it('keeps the Word headings as section headings and drops the PDF page marker', () => {
    const paths = kb.sections.filter((s) => s.docId === 'attendance-protocol').map((s) => s.path[s.path.length - 1]);
    assert.ok(paths.includes('Persistent absence'), paths.join(' | '));
    const pdfText = kb.sections
      .filter((s) => s.docId === 'governor-handbook')
      .flatMap((s) => s.blocks.map((b) => b.text))
      .join('\n');
    assert.match(pdfText, /within six months of appointment/);
    assert.doesNotMatch(pdfText, /1 of 1/);
    const pdfPaths = kb.sections.filter((s) => s.docId === 'governor-handbook').map((s) => s.path[s.path.length - 1]);
    assert.ok(pdfPaths.includes('Clerking arrangements'), pdfPaths.join(' | '));
  });

  it('makes the PDF text searchable and answerable, cited with its title', () => {
    const hit = searchText(kb, 'clerk circulates papers', 1)[0];
    assert.equal(hit?.document.id, 'governor-handbook');
    const a = answerQuestion(kb, 'How many days before a meeting does the clerk circulate papers?', {});
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /seven days/);
    assert.equal(a.citations[0]?.title, 'Hertfordshire Governor Induction Handbook');
    assert.match(a.citations[0]?.section, /Clerking arrangements/);
  });

  it('makes the Word text searchable and answerable, cited with its title', () => {
    const a = answerQuestion(kb, 'When is a pupil persistently absent?', {});
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /ten per cent/);
    assert.equal(a.citations[0]?.title, 'Hertfordshire Attendance Improvement Protocol');
    const b = answerQuestion(kb, 'Within how many school days does the attendance officer contact the family?', {});
    assert.match(b.text, /three school days/);
  });

  it('loads the same PDF and Word content back from the cache', async () => {
    const cacheFile = path.join(dir, 'cache', 'index.json');
    const overridesFile = path.join(dir, 'no-overrides.json');
    await loadKnowledge(dir, { cacheFile, overridesFile });
    const cached = await loadKnowledge(dir, { cacheFile, overridesFile });
    assert.equal(cached.sections.length, kb.sections.length);
    assert.match(answerQuestion(cached, 'How many days before a meeting does the clerk circulate papers?', {}).text, /seven days/);
  });
});
