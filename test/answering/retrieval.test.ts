import assert from 'node:assert/strict';
import { groupsOf, scoreUnits } from '../../src/answering/compose';
import { analyse } from '../../src/answering/question';
import { retrieve } from '../../src/answering/retrieve';
import { stem } from '../../src/language/stem';
import { verbSynonyms } from '../../src/language/synonyms';
import type { KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { corpusKnowledge } from '../support/knowledge';

describe('reading a question and retrieving its passages', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await corpusKnowledge();
  });
  const topHeading = (q: string): string => {
    const hit = retrieve(kb, analyse(kb, q), { limit: 1 })[0];
    return hit ? (hit.section.path[hit.section.path.length - 1] ?? '') : '';
  };

  it('matches inflected forms through stemming ("chaired" finds "chair")', () => {
    assert.equal(topHeading('Who chaired the Quadrant School Effectiveness Boards?'), 'Quadrant School Effectiveness Boards');
  });

  it('corrects misspelt words against the corpus vocabulary', () => {
    const asked = analyse(kb, 'behavour alternative provison');
    assert.deepEqual(
      asked.terms
        .filter((t) => t.origin === 'corrected')
        .map((t) => t.word)
        .sort(),
      ['behaviour', 'provision'],
    );
  });

  it('does not correct an everyday word the documents do not use into one they do, but reads a form of one', () => {
    assert.ok(!analyse(kb, 'which strategies and policies feed into SE+?').terms.some((t) => t.word === 'feedback'));
    assert.deepEqual(analyse(kb, 'what kinds of support can a governing body get?').unknownWords, []);
  });

  it('reads the noun after a year range ("the 2021-26 strategy") as part of the name of the document', () => {
    const asked = analyse(kb, "how does the vision in SE+ compare with the 2021-26 strategy's vision");
    assert.deepEqual(asked.documents.sort(), ['school-effectiveness-plus-2004', 'school-improvement-strategy-2021-2026']);
    assert.deepEqual(
      asked.terms.filter((t) => t.origin === 'question').map((t) => t.stem),
      ['vision'],
    );
  });

  it("reads a verb's synonyms (WordNet, its first sense) as other ways the papers may say it, weighing no more than it", () => {
    assert.ok(verbSynonyms('decide').includes('determine'));
    assert.ok(verbSynonyms('stay').includes('remain'));
    assert.deepEqual(verbSynonyms('xyzzy'), []);
    assert.ok(verbSynonyms('set_up').includes('establish'), 'a phrasal verb has its own synonyms');
    const terms = analyse(kb, 'when does the slcn workstream start?').terms;
    const start = terms.find((t) => t.stem === 'start');
    const commence = terms.find((t) => t.stem === stem('commence'));
    assert.ok(start && commence);
    assert.equal(commence.group, start.group);
    assert.ok(commence.weight <= start.weight);
    // Not for a participle that describes a noun ("maintained schools": not "kept schools"), nor for a synonym far
    // commoner in the papers than the verb ("confirmed" is not "supported").
    assert.ok(!analyse(kb, 'how does hfl monitor maintained schools').terms.some((t) => t.stem === 'keep'));
    assert.ok(!analyse(kb, 'how does that get confirmed with the school').terms.some((t) => t.stem === stem('support')));
  });

  it('finds the verb the tagger read as a noun after "does" and its subject, in its bare form', () => {
    const relation = (q: string, st: string): boolean | undefined => analyse(kb, q).terms.find((t) => t.stem === st)?.relation;
    assert.equal(relation('which send strategy does the school improvement strategy point to', 'point'), true);
    assert.equal(relation("how does the current strategy measure HfL's performance?", stem('measure')), true);
    // "Drawbridge offer schools": "offer" is the verb; "schools", inflected, cannot follow "does" as one.
    assert.equal(relation('What does Drawbridge offer schools?', 'offer'), true);
    assert.notEqual(relation('What does Drawbridge offer schools?', 'school'), true);
    // A verb the tagger found is left alone.
    assert.notEqual(relation('how often does the SSEB meet', 'sseb'), true);
  });

  it('expands an acronym to its glossary words and a glossary phrase to its acronym', () => {
    assert.ok(analyse(kb, 'HASSH').terms.some((t) => t.word === 'headteachers'));
    assert.ok(analyse(kb, 'what do school effectiveness advisers do').terms.some((t) => t.word === 'seas'));
    assert.match(topHeading('What does HASSH do?'), /HASSH/);
  });

  it('reads a name as one subject and knows when the documents do not have it', () => {
    assert.equal(analyse(kb, 'who is helen booth').unknownName, undefined);
    assert.equal(analyse(kb, 'who is ellen booth').unknownName?.suggestion, 'Helen Booth');
  });

  it('counts an unknown noun against answering by how specific it is, and ignores unknown verbs', () => {
    assert.ok(analyse(kb, 'best restaurant in St Albans').unknownWeight > analyse(kb, 'anything about kids being home educated').unknownWeight);
    assert.equal(analyse(kb, 'what happens if a school ignores a warning notice').unknownWeight, 0);
  });

  it('names documents by year and title words, and restricts retrieval to them', () => {
    const asked = analyse(kb, 'what did the 2004 paper say about networks');
    assert.deepEqual(asked.documents, ['school-effectiveness-plus-2004']);
    assert.ok(retrieve(kb, asked).every((h) => h.document.id === 'school-effectiveness-plus-2004'));
    assert.deepEqual(analyse(kb, 'what does each and every child say about STEPS').documents, ['each-and-every-child-2023']);
  });

  it('names a document by its place in the succession the documents record ("the current strategy", "the old one")', () => {
    assert.deepEqual(analyse(kb, 'how does the current strategy keep tabs on performance?').documents, ['school-improvement-strategy-2021-2026']);
    assert.deepEqual(analyse(kb, 'who chairs the JAPR in the new one?').documents, ['school-improvement-strategy-2021-2026']);
    assert.deepEqual(analyse(kb, 'what did the old strategy say about networks?').documents, ['school-effectiveness-plus-2004']);
    // The naming words are not searched for: "current" is not a topic.
    assert.ok(!analyse(kb, 'how does the current strategy keep tabs on performance?').terms.some((t) => t.word === 'current'));
    // "New" before anything but a document's kind is an ordinary word.
    assert.deepEqual(analyse(kb, 'how many new special school places are planned?').documents, []);
  });

  it('reads a word right after a determiner as a noun, whatever the tagger made of it', () => {
    // winkNLP tags "plus" in "the plus" as a conjunction.
    assert.ok(analyse(kb, 'what does the plus in SE+ mean?').terms.some((t) => t.word === 'plus'));
  });

  it('reads an unknown word between a noun and a preposition as the verb joining them, not an unknown subject', () => {
    assert.deepEqual(analyse(kb, 'which strategies and policies feed into SE+?').unknownWords, []);
    assert.deepEqual(analyse(kb, 'What is the best restaurant in St Albans?').unknownWords, ['restaurant']);
  });

  it('reads a word for the documents themselves as where to look, not as a subject they do not cover', () => {
    const asked = analyse(kb, 'is there anything about the virtual school across the docs');
    assert.deepEqual(asked.unknownWords, []);
    assert.ok(!analyse(kb, 'what do the papers say about the virtual school?').terms.some((t) => t.stem === 'paper' && t.weight > 1));
  });

  it('asks about a person only where the name is not describing a noun after it', () => {
    const origin = (q: string, word: string): string | undefined => analyse(kb, q).terms.find((t) => t.word === word)?.origin;
    // The course is asked about; Paul Dix only says which course.
    assert.equal(origin('how many lessons in the paul dix online course?', 'lessons'), 'question');
    // Ann Ricketts is asked about; the role is what is asked of her, wherever she is named.
    assert.equal(origin('what role does Ann Ricketts have?', 'role'), 'context');
  });

  it('reads a verb in a past form as that verb, not as the initials it spells ("who sat on…" is not about SATs)', () => {
    const terms = analyse(kb, 'Who sat on the SSEB under the 2004 strategy?').terms;
    assert.ok(!terms.some((t) => t.word === 'academy'), terms.map((t) => t.word).join(' '));
    assert.ok(terms.some((t) => t.word === 'board'));
  });

  it('reads a verb that relates the two documents a question names as the frame, not as what either says', () => {
    const weight = (q: string, word: string): number => analyse(kb, q).terms.find((t) => t.word === word)?.weight ?? 0;
    const compared = 'How has the overarching vision changed between the 2004 school improvement strategy and the 2021-2026 one?';
    assert.ok(weight(compared, 'changed') < 0.25 * weight(compared, 'vision'));
    // Of one document, the verb is what is asked.
    const asked = 'How has the vision changed since the 2004 strategy?';
    assert.ok(weight(asked, 'changed') > 0.5 * weight(asked, 'vision'));
  });

  it('asks the answer to name the month or year a question names, not the words that qualify it ("by late 2015")', () => {
    assert.deepEqual(analyse(kb, 'How many schools had done Hertfordshire STEPS training by late 2015').dated, ['2015']);
    assert.deepEqual(analyse(kb, 'When are the October half term dates?').dated, ['octob']);
  });

  it('reads a request to list ("can u list the…", "could you list…") as asking for several things', () => {
    assert.equal(analyse(kb, 'can u list the lga/isos conditions for a good local school improvement system').wantsList, true);
    assert.equal(analyse(kb, 'could you list the five key priorities?').wantsList, true);
    assert.equal(analyse(kb, 'is the SEND list of providers published?').wantsList, false);
  });

  it('reads a later part that names only a document as asking the same of it ("…, and how does the 2021 strategy?")', () => {
    const first = analyse(kb, 'how did SE+ handle schools causing concern');
    const second = analyse(kb, 'how does the 2021 strategy?', { subject: first.subject, relation: first.relation }, true);
    assert.equal(second.elliptical, true);
    assert.ok(second.terms.some((t) => t.word === 'concern'));
    assert.deepEqual(second.documents, ['school-improvement-strategy-2021-2026']);
  });

  it('reads initials with an s typed on ("hfls") as those initials, not as a word the papers never use', () => {
    const asked = analyse(kb, 'where does hfls money come from?');
    assert.deepEqual(asked.unknownWords, []);
    assert.ok(asked.terms.some((t) => t.word === 'hfl'));
  });

  it('reads a question with a condition as asking what follows from it', () => {
    assert.equal(analyse(kb, 'what does hcc have to do if ofsted puts a school in special measures?').process, true);
    assert.equal(analyse(kb, 'what does hcc do for schools?').process, false);
  });

  it('reads what kind of fact a wh-phrase asks for', () => {
    assert.ok(analyse(kb, 'how many lessons are in the course').wants?.includes('number'));
    assert.ok(analyse(kb, 'when was CSF established').wants?.includes('date'));
    assert.equal(analyse(kb, 'what happens when a school is red').wants, undefined);
  });

  it('ranks a current document above the superseded one for a shared topic', () => {
    const hit = retrieve(kb, analyse(kb, 'school improvement strategy vision'), { limit: 1 })[0];
    assert.notEqual(hit?.document.status, 'superseded');
  });

  it('returns nothing for words the corpus never uses', () => {
    assert.deepEqual(retrieve(kb, analyse(kb, 'zebra xylophone')), []);
  });

  it('does not count a verb of the question that no retrieved passage uses against the passages', () => {
    // "Sits on" is how the question is put: no passage says it, so the passage about the SSEB covers the question whole.
    const asked = analyse(kb, 'who sits on the SSEB in SE+?');
    const best = scoreUnits(kb, asked, retrieve(kb, asked), groupsOf(asked))[0];
    assert.equal(best?.coverage, 1);
    // A verb some passage does use still counts: "chaired" is found in the passages about chairs.
    const chaired = analyse(kb, 'who chaired the SSEB?');
    const scored = scoreUnits(kb, chaired, retrieve(kb, chaired), groupsOf(chaired));
    assert.ok(scored.some((x) => x.coverage < 1));
  });
});
