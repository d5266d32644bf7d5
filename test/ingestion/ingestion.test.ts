import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildKnowledge, loadKnowledge, type KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { headingRunInitialisms, parseGlossary } from '../../src/ingestion/glossary';
import { splitRunOnItems, starterTestFor } from '../../src/ingestion/clean-text';
import { parseDocument } from '../../src/ingestion/parse-document';
import { splitPeople } from '../../src/ingestion/table-sections';
import { analyseText } from '../../src/language/nlp';
import { words } from '../../src/language/words';

/** Every section under a heading at any depth (a table row's name heads one section per column). */
const textOf = (kb: KnowledgeBase, heading: string): string =>
  kb.sections
    .filter((s) => s.path.includes(heading))
    .flatMap((s) => s.blocks.map((b) => b.text))
    .join('\n');

describe('ingestion of the strategy documents', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await buildKnowledge('data/docs');
  });

  it('indexes the Each and Every Child paper once although it arrives as .txt and .md', () => {
    const matches = kb.documents.filter((d) => /Each and Every Child/.test(d.title));
    assert.equal(matches.length, 1);
    assert.deepEqual([...(matches[0]?.files ?? [])].sort(), ['each-and-every-child-2023.md', 'each-and-every-child-2023.txt']);
    assert.equal(kb.documents.length, 4);
  });

  it('joins a sentence a table cell broke across lines into one unit', () => {
    const units = kb.sections.flatMap((s) => kb.unitsOf(s.index)).map((u) => u.text);
    assert.ok(
      units.includes('Yellow: A vulnerable good or rapidly improving RI school, likely to be a 2c or 3 under the 2019 EIF'),
      units.filter((t) => t.startsWith('Yellow')).join('\n'),
    );
    assert.ok(!units.some((t) => t.startsWith('improving RI school')));
  });

  it('gives each document a title, date and status, the 2004 strategy superseded', () => {
    const old = kb.documentById.get('school-effectiveness-plus-2004');
    assert.equal(old?.status, 'superseded');
    assert.equal(old?.date, 'September 2004');
    assert.equal(old?.supersededBy, 'school-improvement-strategy-2021-2026');
    const current = kb.documentById.get('school-improvement-strategy-2021-2026');
    assert.equal(current?.status, 'current');
    assert.equal(current?.title, 'Hertfordshire School Improvement Strategy 2021-2026');
  });

  it('makes one section per workstream and column, joins rows continued on the next page, and marks the current position as the summary', () => {
    const workstreams = kb.sections.filter((s) => s.docId === 'send-strategy-workstreams-progress' && s.path[0] !== 'About this document');
    const names = new Set(workstreams.map((s) => s.path[s.path.length - 2]));
    assert.equal(names.size, 10);
    const columns = new Set(workstreams.map((s) => s.path[s.path.length - 1]));
    assert.deepEqual([...columns].sort(), ['Lead & Representatives', 'Outcomes', 'Summary of Current Position', 'What will be done']);
    assert.ok(workstreams.filter((s) => s.summary).every((s) => s.path.at(-1) === 'Summary of Current Position'));
    assert.equal(workstreams.filter((s) => s.summary).length, 10);
    const autism = textOf(kb, 'Autism');
    assert.match(autism, /Trevor Orchard, PRU Head/);
    assert.match(autism, /All Age Autism Board/);
    assert.match(textOf(kb, 'Special Schools'), /under-use in the special school sector/);
    assert.match(textOf(kb, 'Special Schools'), /^Lead: Jennie Newman, County Lead for SEN\./m);
  });

  it('gives every document a section saying what it is: its date and whether it is current', () => {
    const about = kb.sections.filter((s) => s.path[0] === 'About this document');
    assert.equal(about.length, kb.documents.length);
    const se = about.find((s) => s.docId === 'school-effectiveness-plus-2004');
    assert.match(
      se?.blocks.map((b) => b.text).join(' ') ?? '',
      /dated September 2004.*superseded \(replaced\) by Hertfordshire School Improvement Strategy 2021-2026/,
    );
  });

  it('keeps a signature under a foreword and the last item of a numbered list', () => {
    assert.match(kb.sections.flatMap((s) => s.blocks.map((b) => b.text)).join('\n'), /^Terry Douris Cabinet Member for Education/m);
    assert.ok(kb.sections.some((s) => s.blocks.some((b) => b.list && b.text === 'a rich, broad, balanced and bespoke curriculum')));
  });

  it('reads a line marked as a heading that ends in a colon as the lead-in of the list after it', () => {
    const lead = 'The Operational Steering Group will promote delivery of the priorities by:';
    assert.ok(!kb.sections.some((s) => s.path.includes(lead)));
    const section = kb.sections.find((s) => s.blocks.some((b) => b.text === lead));
    const at = section?.blocks.findIndex((b) => b.text === lead) ?? -1;
    assert.ok(at >= 0 && section?.blocks[at + 1]?.list);
  });

  it("puts the headings of an annex the contents list leaves out under the annex's first heading, whatever level the extraction gave them", () => {
    // "## The Difference" and "## Drawbridge" are providers of the learning offer, as "### When The Adults Change" is.
    for (const provider of ['When The Adults Change', 'The Difference', 'Drawbridge'])
      assert.ok(
        kb.sections.some((s) => s.path[0] === 'Learning Offer 2023 - 24' && s.path.includes(provider)),
        provider,
      );
    // (Headings the contents names keep their levels.)
    assert.ok(kb.sections.some((s) => s.docId === 'each-and-every-child-2023' && s.path[0] === 'The Case for Change'));
    const parsed = parseDocument(
      'annex.md',
      [
        '## Contents',
        'Aims ..... 2',
        '',
        '## Aims',
        'What we aim for in this paper, set out at length here.',
        '## Offer',
        'The offer.',
        '### One',
        'First.',
        '## Two',
        'Second.',
        '### Detail',
        'More.',
      ].join('\n'),
      'md',
    );
    assert.deepEqual(
      parsed.sections.map((s) => s.path.join(' › ')),
      ['Aims', 'Offer', 'Offer › One', 'Offer › Two', 'Offer › Two › Detail'],
    );
  });

  it('keeps every item of a list, even one that restates an earlier sentence', () => {
    // The third condition for a warning notice repeats, nearly word for word, a sentence of the earlier powers section.
    const list = kb.sections
      .flatMap((s) => s.blocks)
      .map((b) => b.text)
      .join('\n');
    const conditions = list.slice(list.indexOf('A warning notice may be issued by HCC in circumstances where'));
    assert.match(conditions.split('\n').slice(1, 4).join('\n'), /^the safety of pupils at the school is threatened/m);
  });

  it('reads a numbered list that a lead-in opens to its last number, and numbered paragraphs as paragraphs', () => {
    const blocks = kb.sections.flatMap((s) => s.blocks);
    const block = (start: string) => blocks.find((b) => b.text.startsWith(start));
    // "The letter of concern will outline: 1. … 2. … (sub-items) 3. …": items 2 and 3 are long, and 3 comes after sub-items.
    assert.equal(block('The date by which an action plan should be produced')?.list, true);
    assert.equal(block('What additional support the school can expect')?.list, true);
    // "- 8. The conditions are:" (short) then its items, then "- 9. The revised Strategy…": paragraph 9, not item 9.
    assert.equal(block('The revised Strategy has been written in consultation')?.list, false);
    assert.equal(block('Where a letter of concern has been issued')?.list, false);
  });

  it('pairs the words of a name only where they stand side by side, a surname that is also a word included', () => {
    assert.ok(kb.namePairs.has('jane carson'));
    assert.ok(kb.namePairs.has('john short'));
    assert.ok(!kb.namePairs.has('carson primary'), '"Jane Carson, Primary Head": a comma parts the name from the role');
  });

  it('joins a sentence that a link on a line of its own broke in two', () => {
    const units = kb.sections.flatMap((s) => kb.unitsOf(s.index)).map((u) => u.text);
    assert.ok(
      units.some((t) => /^This LGA\/ISOS report titled 'Enabling School Improvement' \S+ sets out the 9 key conditions/.test(t)),
      units.filter((t) => /ISOS report/.test(t)).join('\n'),
    );
  });

  it('gives no unit that is only the number of a paragraph the sentences were cut at ("…results. 15. Where…")', () => {
    const units = kb.sections.flatMap((s) => kb.unitsOf(s.index)).map((u) => u.text);
    assert.ok(units.some((t) => t.startsWith('Where there are concerns about an academy')));
    assert.deepEqual(
      units.filter((t) => /^\d+\.$/.test(t)),
      [],
    );
  });

  it('does not end a sentence inside a web or e-mail address', () => {
    const units = kb.sections.flatMap((s) => kb.unitsOf(s.index)).map((u) => u.text);
    assert.ok(units.some((t) => t.includes('www.hertsdirect.org')));
    assert.ok(!units.some((t) => /^(hertsdirect|org)\b/.test(t)));
  });

  it('joins the pieces of a link the extraction broke at a slash or hyphen into one address', () => {
    const units = kb.sections.flatMap((s) => kb.unitsOf(s.index)).map((u) => u.text);
    const framework = units.find((t) => t.startsWith("HfL has developed the 'Great School Framework'")) ?? '';
    assert.match(framework, /hertsforlearning\.co\.uk\/news\/herts-learning-launches-\S+-great-schools,/);
    // …so the "nine" of its address is no count of anything.
    assert.ok(!units.some((t) => /^news\//.test(t) || / news\/herts/.test(t)));
    // (And one broken after a "/" with no markup: the path goes on after the space.)
    assert.ok(units.some((t) => t.includes('/documents/policies-and-procedures/send-strategy-2018-2023.pdf')));
  });

  it('leaves no HTML tags, markdown syntax or repeated page headings in the text', () => {
    const all = kb.sections.flatMap((s) => s.blocks.map((b) => b.text)).join('\n');
    assert.doesNotMatch(all, /<\/?(ul|li|p)\b|\*\*|\]\(|^#+\s/m);
    assert.doesNotMatch(all, /Item 9 – HLN/);
  });

  it('drops the OCR-repeated RAYG table rows', () => {
    const all = kb.sections.flatMap((s) => s.blocks.map((b) => b.text)).join('\n');
    assert.equal(all.match(/sufficient practice to be/g)?.length, 1);
  });

  it('reads the one-line glossary into acronym expansions', () => {
    assert.equal(kb.acronyms.get('sea')?.expansion, 'School Effectiveness Advisers');
    assert.equal(kb.acronyms.get('hassh')?.expansion, 'Hertfordshire Association of Secondary School Headteachers');
    assert.equal(kb.acronyms.get('rayg')?.expansion, 'red, amber, yellow, green rating');
  });

  it('finds the words a document writes for one it never does, beside that word in the documents that do', () => {
    // Only the 2021 strategy writes "Covid"; the 2023 paper writes "the pandemic" and "the recovery phase".
    const eec = 'each-and-every-child-2023';
    assert.equal(kb.writes(eec, 'covid'), false);
    const beside = kb.wordsBeside('covid', eec, 2, 3);
    assert.ok(beside.includes('pandem') && beside.includes('recoveri'), beside.join(' '));
    assert.equal(kb.wordFor('pandem'), 'pandemic');
    // (Nothing for a document that writes the word itself.)
    assert.deepEqual(kb.wordsBeside('covid', 'school-improvement-strategy-2021-2026', 2, 3), []);
  });

  it('loads from the cache when the documents have not changed', async () => {
    const cacheFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-')), 'index.json');
    const first = await loadKnowledge('data/docs', { cacheFile });
    assert.ok(fs.existsSync(cacheFile));
    const second = await loadKnowledge('data/docs', { cacheFile });
    assert.equal(second.sections.length, first.sections.length);
    assert.equal(second.index.search('headteacher').length, first.index.search('headteacher').length);
  });
});

describe('ingestion helpers', () => {
  it('does not read the parts of a web address or an e-mail domain as words, but keeps the mailbox', () => {
    assert.deepEqual(words('See http://www.legislation.gov.uk/ukpga/2006/40/part/4 or hertfordshire.gov.uk/steps.'), ['see', 'or']);
    assert.deepEqual(words('e-mail sfyp@hertfordshire.gov.uk for details, e.g. dates'), [
      'email',
      'e',
      'mail',
      'sfyp',
      'for',
      'details',
      'e',
      'g',
      'dates',
    ]);
  });

  /** The mentions of one kind of fact in a text, as written. */
  const factsOf = (text: string, of: string): string[] =>
    analyseText(text)
      .facts.filter(([, , kind]) => kind === of)
      .map(([start, end]) => text.slice(start, end));

  it('reads a duration only where a number says how long ("six full days", "year 9"), not in "early years"', () => {
    const durations = (text: string): string[] => factsOf(text, 'duration');
    assert.deepEqual(durations('It covers early years settings, colleges and specialist bases.'), []);
    assert.deepEqual(durations('The course runs over 2 years.'), ['over 2 years']);
    assert.equal(durations('The course is six full days long.').length, 1);
  });

  it('does not read a number that names a thing ("paragraph 35") as a count', () => {
    const numbers = (text: string): string[] => factsOf(text, 'number');
    assert.deepEqual(numbers('This letter is not formal, as in the case of a warning notice (see paragraph 35).'), []);
    assert.deepEqual(numbers('Section 63 applies to the 24 schools named.'), ['24']);
  });

  it('splits a glossary line with mixed dashes, two-word terms and plurals', () => {
    const g = parseGlossary(
      'PP – Pupil Premium RAYG rating - red, amber, yellow, green rating SEAs - School Effectiveness Advisers SSH Exec. - Special School Head Executive',
    );
    assert.deepEqual(
      g.map((e) => e.acronym),
      ['PP', 'RAYG rating', 'SEAs', 'SSH Exec.'],
    );
    assert.equal(g[2]?.expansion, 'School Effectiveness Advisers');
  });

  it('reads the initials of the shorter names inside a heading: two or more capitalised words between joiners', () => {
    const runs = headingRunInitialisms([
      { heading: 'Behaviour and Alternative Provision', section: 1 },
      { heading: 'Schools in Ofsted categories of Special Measures or Serious Weaknesses', section: 2 },
    ]);
    assert.deepEqual(
      runs.map((g) => [g.acronym, g.expansion]),
      [
        ['AP', 'Alternative Provision'],
        ['SM', 'Special Measures'],
        ['SW', 'Serious Weaknesses'],
      ],
    );
  });

  it('re-splits list items whose <li> tags were lost', () => {
    const text = 'The plan was agreed by the Executive A working group has been established and met in December';
    const items = splitRunOnItems(text, starterTestFor(`${text} a plan, a group`));
    assert.deepEqual(items, ['The plan was agreed by the Executive', 'A working group has been established and met in December']);
  });

  it('splits a "Name, Role Name, Role" cell into people', () => {
    assert.deepEqual(splitPeople('Helen Booth, County Lead for Complex Needs Zoe Phillips, Primary Head Mary Ann Cooper (Sub), Primary Head'), [
      'Helen Booth, County Lead for Complex Needs',
      'Zoe Phillips, Primary Head',
      'Mary Ann Cooper (Sub), Primary Head',
    ]);
  });
});
