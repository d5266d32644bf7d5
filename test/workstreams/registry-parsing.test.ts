/**
 * The importer's heuristics on text that is not the progress paper, so they are seen to be rules
 * about how such tables are written rather than facts about one document.
 */
import assert from 'node:assert/strict';
import { findDatedClauses, monthIndex, resolveDue, estimatePaperMonth } from '../../src/workstreams/dated-phrases.js';
import { learnLexicon, parseListCell } from '../../src/workstreams/parse-bullets.js';
import { learnRoles, parsePeopleCell } from '../../src/workstreams/parse-people.js';
import { parseTable } from '../../src/workstreams/parse-table.js';

describe('people cells', () => {
  const cells = [
    'Priya Shah, Head of Inclusion Tom O’Brien, Secondary Head Mary Jo Reid (Sub), Primary Head Ola deVries-Smith, Parent',
    '<p>Sam Ng, Senior Adviser, Hearing Impairment</p> <p>Kim Lee, Primary Head Ben Ash, Post 16 rep</p>',
    'Inclusion Partnership Board Ann Bell, Primary Head tbc, Parent',
  ];
  const roles = learnRoles(cells);

  it('splits names from roles where no punctuation separates them, keeping three-part names and particles', () => {
    assert.deepEqual(parsePeopleCell(cells[0]!, roles, true), {
      people: [
        { name: 'Priya Shah', role: 'Head of Inclusion' },
        { name: 'Tom O’Brien', role: 'Secondary Head' },
        { name: 'Mary Jo Reid', role: 'Primary Head', substitute: true },
        { name: 'Ola deVries-Smith', role: 'Parent' },
      ],
    });
  });

  it('keeps a comma inside a role and treats each paragraph as its own list', () => {
    assert.deepEqual(parsePeopleCell(cells[1]!, roles, true).people, [
      { name: 'Sam Ng', role: 'Senior Adviser, Hearing Impairment' },
      { name: 'Kim Lee', role: 'Primary Head' },
      { name: 'Ben Ash', role: 'Post 16 rep' },
    ]);
  });

  it('reads a leading body as an organisation and "tbc" as a seat still to fill', () => {
    assert.deepEqual(parsePeopleCell(cells[2]!, roles, true), {
      organisation: 'Inclusion Partnership Board',
      people: [
        { name: 'Ann Bell', role: 'Primary Head' },
        { name: 'tbc', role: 'Parent', toBeConfirmed: true },
      ],
    });
  });
});

describe('list cells', () => {
  const cells = [
    '<ul> • Agree the plan with partners • Publish the plan</ul>',
    '<ul> Agree the plan with governors Publish the plan for consultation A review group is set up. This group reports termly. Funding is agreed</ul>',
  ];
  const lexicon = learnLexicon(cells);

  it('splits on bullet marks when the extraction kept them', () => {
    assert.deepEqual(parseListCell(cells[0]!, lexicon).items, ['Agree the plan with partners', 'Publish the plan']);
  });

  it('finds items that run on without marks, keeping a sentence that refers back with the one before', () => {
    assert.deepEqual(parseListCell(cells[1]!, lexicon).items, [
      'Agree the plan with governors',
      'Publish the plan for consultation',
      'A review group is set up. This group reports termly.',
      'Funding is agreed',
    ]);
  });

  it('hands back a lower-case start as the end of the previous page\'s bullet', () => {
    assert.deepEqual(parseListCell('<p>in every area.</p> <ul> • Next item</ul>', lexicon), { continuation: 'in every area.', items: ['Next item'] });
  });
});

describe('dated phrases', () => {
  const january2016 = monthIndex(2016, 0);
  const due = (sentence: string): string[] =>
    findDatedClauses(sentence).filter((c) => c.tense === 'future').map((c) => resolveDue(c, january2016));

  it('resolves future months to their nearest occurrence and half terms to the Friday before', () => {
    assert.deepEqual(due('The report will be published by May half term'), ['2016-05-27']);
    assert.deepEqual(due('Training will start in March'), ['2016-03-31']);
    assert.deepEqual(due('A plan is being drafted and will go to Cabinet in November'), ['2015-11-30']);
  });

  it('ignores what already happened, even beside a future clause', () => {
    assert.deepEqual(due('The group met in October and will report to the board'), []);
    assert.deepEqual(due('It was presented in December and will form part of the framework'), []);
  });

  it('dates a paper one month after the latest month it speaks of in the past', () => {
    assert.equal(estimatePaperMonth(['As at June 2019 40 schools took part', 'The panel met in August']).month, monthIndex(2019, 8));
  });
});

describe('table rows', () => {
  it('joins a row that runs over a page break and skips the repeated heading', () => {
    const table = parseTable('Title\n\nName\tPeople\tDo\tOutcomes\tNow\nAlpha\tA B, Parent\tx\ty\tz\n\nTitle\n\n\tC D, Parent\t\ty2\tz2\n');
    assert.equal(table.title, 'Title');
    assert.deepEqual(table.rows, [{ name: 'Alpha', pieces: [['A B, Parent', 'C D, Parent'], ['x', ''], ['y', 'y2'], ['z', 'z2']] }]);
  });
});
