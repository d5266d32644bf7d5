/**
 * The answering pipeline's mechanisms, each pinned by one behaviour. Quality is measured on question sets
 * nobody tuned on (`npm run eval`, eval/README.md), not asserted here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AnswerCache } from '../../src/answering/answer-cache';
import { answerQuestion } from '../../src/answering/answer-question';
import type { Answer, AnswerContext } from '../../src/answering/answer-types';
import { analyse, splitParts } from '../../src/answering/question';
import type { KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { corpusKnowledge } from '../support/knowledge';

describe('offline answers', () => {
  let kb: KnowledgeBase;
  before(async () => {
    kb = await corpusKnowledge();
  });
  const ask = (q: string, context: AnswerContext = {}): Answer => answerQuestion(kb, q, context);

  it('answers a number question with the sentence holding the number, cited with its section', () => {
    const a = ask('How many centres of excellence will the teaching school hub programme create?');
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /\b87\b[^\n]*\[1\]/);
    const [c] = a.citations;
    assert.equal(c?.title, 'Hertfordshire School Improvement Strategy 2021-2026');
    assert.match(c?.section ?? '', /Teaching School Hubs/);
    assert.ok((c?.abstract.length ?? 0) > 0 && (c?.abstract.length ?? 200) <= 160);
  });

  it('keeps a lead-in sentence with the list it introduces', () => {
    const a = ask('Who is sent a copy of a warning notice?');
    assert.match(a.text, /:\s*\[1\]\n- /);
    assert.match(a.text, /headteacher/);
    assert.match(a.text, /Ofsted/);
  });

  it('shows the heading of a passage whose text does not say what it is about', () => {
    // The board is named only by the heading over its meetings.
    const a = ask('who oversaw school improvement under SE+ in 2004?');
    assert.match(a.text, /Standards and School Effectiveness Board: The meeting in the first half of the term/);
    // (Not over a lead-in, which says what its list is.)
    assert.match(ask('Who is sent a copy of a warning notice?').text, /^As well as issuing the warning notice/);
  });

  it('reads initials typed in capitals as the name inside a heading they spell, its words each asked', () => {
    // "AP": "Alternative Provision" of the heading "Behaviour and Alternative Provision"; the papers never write AP.
    assert.match(ask('hw many under 11s r in AP nationally now??').text, /aged 11 or under in Alternative Provision[^\n]*7,000/);
    // (Typed in lower case, two letters are as likely a word or a slip.)
    assert.deepEqual(
      analyse(kb, 'whats the ap plan').terms.filter((t) => t.word === 'alternative'),
      [],
    );
  });

  it('answers who sits on a body with the people or posts it lists as its members', () => {
    // "sit" is in no passage; the board's own list names its members' posts.
    const a = ask('who sits on the SSEB in SE+?');
    assert.match(a.text, /SSEB will comprise senior officers[^\n]*\n- Finance\n[\s\S]*Principal Educational Psychologist/);
    // (Who chairs it asks the one the passages say chairs it.)
    assert.match(ask('who chairs the SSEB?').text, /chaired by the Deputy Director/);
  });

  it('reads "when can…" asked of an action as asking in what circumstances, not for a date', () => {
    const a = ask('When can HCC give a school a warning notice?');
    assert.match(a.text, /^A warning notice may be issued by HCC in circumstances where: \[1\]\n- standards of performance/);
  });

  it("reads a possessive after a document the follow-up names as that document's, not the last subject's", () => {
    const first = ask('What are the two county priorities for the school improvement contract?');
    const a = ask('and the 2004 one - what was its underpinning philosophy?', first.context);
    assert.match(a.text, /underpinning philosophy for School Effectiveness Plus is to support high educational achievement/);
  });

  it('answers who a group is with the ones it names, not the sentence that spells out its initials', () => {
    assert.match(ask('who r the teaching school hubs for herts').text, /Chiltern Teaching School Alliance and Alban Teaching School Hub/);
  });

  it('reads the one doing what a "when" clause asks about as given, as it reads "by HfL", once its verb is found', () => {
    const q = 'what actually happens when hfl rates a school amber or red? walk me thru it';
    const weight = (w: string): number => analyse(kb, q).terms.find((t) => t.word === w)?.weight ?? 0;
    assert.ok(weight('hfl') < weight('amber') / 2, `${weight('hfl')} vs ${weight('amber')}`);
    assert.match(ask(q).text, /^When a school is rated as amber or red[^\n]*HIP with the headteacher and chair of governors/);
  });

  it('reads "meant to" and "supposed to" before a verb as asking what is to happen, as "going to" is', () => {
    assert.equal(analyse(kb, 'What was the DSPL Area Groups workstream meant to do?').future, true);
    assert.match(ask('what was the QSO workstream supposed to do?').text, /^What the Quality SEND Offer workstream will do/);
  });

  it('asks a clause of the one document that writes its word, when the question names another', () => {
    // Only the SEND workstreams paper writes "workstream"; the 2023 paper is named in the other clause.
    const q = 'the quality send offer workstream wanted a core offer from schools - hows that different from the local offer in the 2023 paper?';
    assert.deepEqual(analyse(kb, q).documents.sort(), ['each-and-every-child-2023', 'send-strategy-workstreams-progress']);
    const a = ask(q);
    assert.match(a.text, /core (quality )?offer/i);
    // (A passage after a list starts its own line, not the list's last item's.)
    assert.match(a.text, /colleges\nThe outcomes the Quality SEND Offer workstream aims to achieve/);
    // (A word of the named document's own clause names nothing more: "what does the 2023 paper say about RAYG?")
    assert.deepEqual(analyse(kb, 'what does the 2023 paper say about the workstream?').documents, ['each-and-every-child-2023']);
  });

  it('reads an everyday noun after a workstream\'s name as the workstream ("who\'s in charge of the … work?")', () => {
    assert.match(ask("who's in charge of the behaviour and alternative provision work?").text, /led by Martin Smith/);
    assert.match(ask("who's heading up the Quality SEND Offer work?").text, /led by David Killgallon/);
  });

  it('reads an everyday noun after a demonstrative as the last subject\'s kind ("who\'s leading that work?")', () => {
    const first = ask("what's happening with the SpLD bases?");
    assert.match(ask("who's leading that work?", first.context).text, /led by Anne Powell Davies/);
  });

  it('finds the date a passage gives sentences after what it dates ("when does the leadership programme… start?")', () => {
    assert.match(ask('when does the leadership programme with Independent Thinking start?').text, /January 2024/);
  });

  it('reads capitals typed for a name the text writes in capitals ("UN" → United Nations)', () => {
    const first = ask("What's the vision in the Each and Every Child paper?");
    assert.match(ask('which UN goal does it tie into?', first.context).text, /Sustainable Development Goal 4/);
  });

  it('reads "what\'s … up to?" as asking where it stands, not "up to 80"', () => {
    assert.match(ask("what's the exceptional needs funding workstream up to?").text, /^Where the Exceptional Needs Funding \(ENF\) workstream stood/);
    assert.equal(analyse(kb, 'are there up to 80 participants?').perfect, false);
  });

  it('reads a sum typed with its scale ("£310k") as the papers write it, and not as a count of things to name', () => {
    assert.match(ask('what is the £310k budget for?').text, /redistribution of the £310k budget across DSPL areas/);
  });

  it('knows the registry\'s people by name, so a name mixing one of them with another word is declined ("Tony Body")', () => {
    assert.match(ask("can you tell me what Tony Body's role is in the behaviour workstream?").text, /couldn't find anyone called Tony Body/);
    assert.match(ask("what is Tim Body's role?").text, /Tim Body, Secondary Head/);
  });

  it('reads a word after a determiner as a noun past an opening quote ("…mean by the \'plus\'?")', () => {
    assert.match(ask("what did the 2004 School Effectiveness Plus strategy mean by the 'plus'?").text, /The plus signifies/);
  });

  it('leaves out an adjective relating two documents ("how\'s the vision … different from the 2004 … one?")', () => {
    const a = analyse(kb, "How's the vision in the current school improvement strategy different from the 2004 School Effectiveness Plus one?");
    assert.deepEqual(
      a.terms.map((t) => t.word),
      ['vision'],
    );
  });

  it('does not read a noun said of the subject before "on" as a frame ("we\'re amber on RAYG")', () => {
    const amber = analyse(kb, "we've just been told we're amber on RAYG - what happens next?").terms.find((t) => t.word === 'amber');
    assert.equal(amber?.origin, 'question');
    assert.doesNotMatch(ask("we've just been told we're amber on RAYG - what happens next?").text, /^RAYG rating stands for/);
  });

  it('gives again a sentence the last answer gave when it states the date a follow-up asks for', () => {
    const first = ask('Who chairs the JAPR?');
    assert.match(ask('when does it happen and what does HfL bring to it?', first.context).text, /autumn term/);
  });

  it('gives again a sentence the last answer gave when it names who a "who" follow-up asks for', () => {
    const first = ask('who leads the autism workstream?');
    assert.match(ask("and who's on it?", first.context).text, /Helen Booth[\s\S]*Richard Haynes/);
  });

  it('reads "anything similar" in a clause naming a second paper as asking it what the first clause asked', () => {
    const a = ask('The 2004 strategy talked about keeping the child at the centre - does the Each and Every Child paper say anything similar?');
    assert.match(a.text, /places the child at the centre of everything we do/);
  });

  it('does not read a slip for a word without a topic as the start of a longer word ("hav" is "have", not "having")', () => {
    assert.ok(!analyse(kb, 'do academies hav to use hfl').terms.some((t) => t.word === 'having'));
    assert.match(ask('do academies hav to use hfl').text, /for maintained schools/);
  });

  it('gives more room to the list of where a workstream stands', () => {
    assert.match(ask('is the behaviour and alternative provision workstream actually making progress?').text, /Steps/);
  });

  it('reads "each strategy" as the two strategies, the old and the one that replaced it', () => {
    assert.deepEqual(analyse(kb, 'what did each strategy say about academies?').documents.sort(), [
      'school-effectiveness-plus-2004',
      'school-improvement-strategy-2021-2026',
    ]);
    assert.deepEqual(analyse(kb, 'what does the 2021 strategy say about academies?').documents, ['school-improvement-strategy-2021-2026']);
  });

  it('says when a paper was published from what it is, not from a passage giving none of its own years', () => {
    assert.match(ask('when was the 2021 strategy published?').text, /is dated 2021/);
    assert.match(ask('When was School Effectiveness Plus issued?').text, /September 2004/);
  });

  it('counts an unknown noun between prepositions as unknown unless the second is "of" or "to" ("on holiday in term time")', () => {
    assert.ok(analyse(kb, 'How much is the fine for taking a child on holiday in term time?').unknownWeight > 0);
    assert.equal(ask('How much is the fine for taking a child on holiday in term time?').kind, 'decline');
  });

  it('reads "trying to", "aims to" before a verb as asking what is to happen, as "meant to" is', () => {
    assert.match(ask('what is the Quality SEND Offer workstream trying to do?').text, /will do \(its plans and remit\)[\s\S]*core quality offer/);
  });

  it('reads "operate" closing a how-question before the document it names as asking how it works', () => {
    const a = ask('How was the SSEB meant to operate under School Effectiveness Plus?');
    assert.match(a.text, /meet once per half term/);
    assert.doesNotMatch(a.text, /stands for/);
  });

  it('reads a word closing a prepositional phrase after a noun as a noun ("…off the schools causing concern register?")', () => {
    const first = ask('how does a school get taken off the schools causing concern register?');
    assert.match(ask('how long are they normally expected to stay on it?', first.context).text, /no longer than 18 months/);
  });

  it("brings a lead-in that introduces another lead-in with that one's items (the Code of Practice definition)", () => {
    const a = ask('what is the definition of special educational needs in the each and every child paper?');
    assert.match(a.text, /worth revisiting the definition[\s\S]*if he or she:\n- has a significantly greater difficulty/);
  });

  it('reads "the steps", "the stages" as asking how something goes, as "the process" is, but not "the steps county lead"', () => {
    assert.equal(analyse(kb, 'What are the steps when the council has concerns about an academy?').process, true);
    assert.equal(analyse(kb, 'whats the name of the steps county lead').process, false);
    assert.equal(analyse(kb, 'What are the stages a young person goes through on MCR Pathways?').process, true);
    assert.equal(analyse(kb, 'what are pupils results at stage 2?').process, false);
    assert.match(ask('What are the steps after a maintained school is rated amber or red?').text, /headteacher and chair of governors/);
  });

  it('adds no next-best sentence lacking the date asked to one that states it', () => {
    const a = ask('When was School Effectiveness Plus issued?');
    assert.match(a.text, /Issue date: September 2004/);
    assert.doesNotMatch(a.text, /first half of the term|Community Development/);
  });

  it('reads "which officer…?" as asking who', () => {
    assert.equal(analyse(kb, 'which officer leads on ENF?').wh, 'who');
    assert.match(ask('which officer leads on ENF?').text, /^The Exceptional Needs Funding \(ENF\) workstream is led by Jennie Newman/);
  });

  it('gives a short list whole when more than one of its items answers', () => {
    const a = ask('what is a warning notice?');
    assert.match(
      a.text,
      /sets out the:[\s\S]*- detail of matters[\s\S]*- action which[\s\S]*- initial compliance[\s\S]*- process for making[\s\S]*- steps the local authority/,
    );
  });

  it('gives the commonest adverbs before a verb little weight ("what does the plus even mean")', () => {
    const even = analyse(kb, 'SE+ ... what does the plus even mean').terms.find((t) => t.word === 'even');
    const plus = analyse(kb, 'SE+ ... what does the plus even mean').terms.find((t) => t.word === 'plus');
    assert.ok(even && plus && even.weight < plus.weight / 2);
    assert.match(ask('SE+ ... what does the plus even mean').text, /The plus signifies/);
  });

  it('keeps the subject a demonstrative stands for in a follow-up ("does that apply to academies too?")', () => {
    const first = ask('When can HCC give a school a warning notice?');
    const a = ask('does that apply to academies too?', first.context);
    assert.match(a.text, /powers to issue warning notices do not extend to academies/);
  });

  it('brings the items of a lead-in that is itself a list item', () => {
    // "SACRE's two core functions are:" stands inside the list that "Hertfordshire SACRE is…:" introduces.
    const a = ask('who sits on the SACRE?');
    assert.match(a.text, /two core functions are:\n- to review the locally agreed syllabus\n- determine whether/);
  });

  it('goes on from the sentence that announces a list to the list', () => {
    const a = ask('What are the LGA/ISOS conditions for an effective local school improvement system?');
    assert.match(a.text, /ISOS Partnership/);
    assert.match(a.text, /^- A clear and compelling vision for the local school improvement system$/m);
  });

  it("does not give again, among a lead-in's items, an item another part has just given", () => {
    const a = ask('What is proposed for the SpLD bases, and how is primary SpLD outreach funded at present?');
    assert.equal(a.text.split('One proposal is to close the two secondary SpLD bases').length, 2, a.text);
    assert.match(a.text, /£1\.6m funds outreach/);
  });

  it('never ends a line on a lead-in without the items it introduces', () => {
    const questions = (JSON.parse(fs.readFileSync(path.join(__dirname, 'own-questions.json'), 'utf8')) as { questions: Array<{ ask: string }> })
      .questions;
    for (const { ask: q } of questions) {
      const lines = ask(q)
        .text.replace(/ \[\d+\]/g, '')
        .split('\n');
      // Items whose bullets extraction lost ("School Effectiveness - a framework to…") follow as lines of their own.
      lines.forEach((line, i) => assert.ok(!line.endsWith(':') || (lines[i + 1] ?? '') !== '', `${q}: "${line}" ends the answer`));
      lines.forEach((line, i) => assert.ok(!line.endsWith(':') || !/›/.test(lines[i + 1] ?? ''), `${q}: "${line}" is followed by another passage`));
    }
  });

  it('gives the sentence that carries the asked-for date on from the one that names the subject', () => {
    const a = ask('When will the HFL and Independent Thinking leadership programme start?');
    assert.match(a.text, /January 2024/);
  });

  it('expands an acronym from the glossary', () => {
    const a = ask('What does HASSH stand for?');
    assert.match(a.text, /Hertfordshire Association of Secondary School Headteachers/);
  });

  it('says when an answer comes from the superseded 2004 strategy', () => {
    const a = ask('Who chairs a Quadrant School Effectiveness Board?');
    assert.match(a.text, /^According to the superseded 2004 School Effectiveness Plus strategy/);
    assert.match(a.text, /Quadrant Manager/);
    assert.equal(a.citations[0]?.superseded, true);
  });

  it('declines what the documents do not cover, in plain words and without citations', () => {
    for (const q of ["What's the best restaurant in St Albans?", 'How do I reset my Teams password?', 'What is the capital of France?']) {
      const a = ask(q);
      assert.equal(a.kind, 'decline', q);
      assert.match(a.text, /couldn't find/);
      assert.deepEqual(a.citations, []);
    }
  });

  it('treats words that name JavaScript object properties as ordinary words', () => {
    for (const q of [
      'constructor',
      'What is the constructor of toString?',
      '__proto__ valueOf hasOwnProperty',
      'who leads the constructor workstream?',
    ]) {
      const a = ask(q);
      assert.ok(['answer', 'decline'].includes(a.kind), q);
      assert.doesNotMatch(a.text, /function|\[native code\]|NaN|undefined/, q);
    }
  });

  it('declines a person the documents do not name, suggesting the close name without answering about them', () => {
    const a = ask('What does Ann Rickards do?');
    assert.equal(a.kind, 'decline');
    assert.match(a.text, /couldn't find anyone called Ann Rickards/);
    assert.match(a.text, /Did you mean Ann Ricketts\?/);
    assert.doesNotMatch(a.text, /Psycholog/);
    assert.equal(ask('who is dr glenys james?').kind, 'decline');
  });

  it('reads a name the documents give only in a heading, in another order, as one they name', () => {
    const a = ask('how many schools does the westminster diocese cover?');
    assert.equal(a.kind, 'answer', a.text);
    assert.match(a.text, /\b208 schools/);
  });

  it("asks a follow-up's own words of the name it borrows", () => {
    const first = ask('what does the westminster diocese education service do?');
    assert.match(ask('how many schools does it cover?', first.context).text, /\b208 schools/);
  });

  it("declines a name made of one person's first name and another's surname, though the surname is also a word", () => {
    const a = ask('is Martin Short on the autism group?');
    assert.equal(a.kind, 'decline', a.text);
    assert.match(a.text, /anyone called Martin Short/);
    assert.match(ask('what does John Short do?').text, /Keeping Children in Local Provision Manager/);
    // Typed in lower case, with a first name the tagger reads as a verb ("sue").
    const sue = ask('is sue howard on the dspl area groups workstream');
    assert.equal(sue.kind, 'decline', sue.text);
    assert.match(sue.text, /Did you mean Sue Howe\?/);
    assert.match(ask('is sue howe on the dspl area groups workstream').text, /Sue Howe/);
  });

  it('answers a person the documents do name, from the signature block of a foreword', () => {
    assert.match(ask("who's terry douris?").text, /Cabinet Member/);
  });

  it('does not let casual words cost an answer', () => {
    for (const [casual, fact] of [
      ["what's the deal with MCR pathways?", /MCR pathways supports young people/i],
      ['anything on the inclusion team?', /Inclusion Team is responsible for/],
      ['remind me who leads autism', /John Short/],
    ] as const) {
      const a = ask(casual);
      assert.equal(a.kind, 'answer', casual);
      assert.match(a.text, fact, casual);
    }
  });

  it('answers both parts of a two-part question, each with its citation', () => {
    const a = ask('Who chairs the JAPR and when is it held?');
    assert.match(a.text, /Operations Director/);
    assert.match(a.text, /autumn term/);
  });

  it('compares what two documents say, plans included, when asked how something has changed between them', () => {
    const a = ask('How has the overarching vision changed between the 2004 school improvement strategy and the 2021-2026 one?');
    assert.match(a.text, /every child in Hertfordshire will attend a great school/);
  });

  it('reads "back in 2004" as when, not as a word the answer must contain', () => {
    assert.match(ask('who was meant to chair the SSEB back in 2004').text, /chaired by the Deputy Director/);
  });

  it('answers from each document a question names', () => {
    const a = ask('what did the 2004 paper mean by networks, and what collaboration models does the 2021 strategy list?');
    assert.ok(new Set(a.citations.map((c) => c.docId)).size >= 2, a.text);
    assert.match(a.text, /networks/i);
    assert.match(a.text, /Teaching School Hubs/);
  });

  it('answers each of two names a question asks about together, when no passage holds both', () => {
    for (const q of [
      'how many schools do the st albans and westminster diocese education teams cover',
      'what do the westminster and st albans dioceses do?',
    ]) {
      const a = ask(q);
      assert.match(a.text, /\b138\b/, q);
      assert.match(a.text, /\b208\b/, q);
      assert.equal(a.citations.length, 2, q);
    }
  });

  it('answers when something may be done with the circumstances, though the passage gives no date', () => {
    const a = ask('when can hcc send a letter of concern');
    assert.equal(a.kind, 'answer', a.text);
    assert.match(a.text, /The circumstances under which a letter of concern may be issued include:/, a.text);
    assert.match(a.text, /drop in performance/, a.text);
    // A question for a date the documents do not give is still declined.
    assert.equal(ask('when will hcc send the next letter of concern?').kind, 'decline');
  });

  it('reads "whats happened" as what has happened so far: where a workstream stands, not its plans', () => {
    const a = ask("who's leading the autism workstream and whats happened since the review came out");
    assert.match(a.text, /John Short/);
    assert.match(a.citations[1]?.section ?? '', /Summary of Current Position/, a.text);
  });

  it('reads a clipping the papers seldom write as the word they mostly write, but not an everyday word as a longer one', () => {
    const exec = ask('what went to the send exec in december about autism?');
    assert.match(exec.text, /workstream brief was presented at the SEND Executive in December/);
    assert.match(exec.citations[0]?.section ?? '', /Autism/);
    const main = ask("what does the virtual school do, and what's its main aim?");
    assert.doesNotMatch(main.text, /maintained/);
  });

  it('reads a clipping the papers never write as the word they write that it begins, plural or not', () => {
    const govs = ask('is there any training for govs');
    assert.match(govs.text, /governance/, govs.text);
    const fam = ask('who can fam first help');
    assert.match(fam.text, /Families First is the term used/, fam.text);
  });

  it('reads the verb after a fused informal verb as a verb ("gonna chair"), so a later part does not borrow it as its subject', () => {
    const a = ask('who was gonna chair the sseb and how often did it meet');
    assert.match(a.text, /chaired by the Deputy Director/, a.text);
    assert.match(a.text, /once per half term/, a.text);
  });

  it('reads a word spelt as it sounds ("skool") as the corpus word it sounds like, but not a surname as another', () => {
    assert.match(
      ask('skool just went into special measures').text,
      /^(?:Schools in Ofsted categories[^:\n]*: )?When a school is judged by Ofsted to be inadequate/,
    );
    assert.equal(ask('What did Dr Glenys Jonas recommend?').kind, 'decline');
  });

  it('gives a list whose lead-in counts its items whole, the count written in words ("these ten lenses")', () => {
    const a = ask('can u list the great school framework lenses');
    assert.equal(a.text.split('\n').filter((line) => line.startsWith('- ')).length, 10, a.text);
    assert.match(a.text, /- a rich, broad, balanced and bespoke curriculum/, a.text);
  });

  it('reads a verb with its particle as that phrasal verb, with its synonyms ("set up": established)', () => {
    const a = ask('what gets set up for a red-rated school');
    assert.match(a.text, /an action group is established/, a.text);
  });

  it('leaves out the verb that relates two documents ("…play in the 2021 strategy compared to…"): it is not asked of either', () => {
    const a = ask('what role does hfl play in the 2021 strategy compared to the each and every child work in 2023');
    assert.match(a.text, /main school improvement provider, HfL/, a.text);
  });

  it('lets go of a noun that only qualifies the one after it ("the headline vision") when no passage uses it', () => {
    const a = ask('whats the headline vision in the old SE+ doc (2004) vs the current 2021-26 strategy');
    assert.match(a.text, /keeping the child at the centre of all we do/, a.text);
    assert.match(a.text, /every child in Hertfordshire will attend a great school/, a.text);
  });

  it('reads nouns joined by "or" as alternatives, either of which answers, not two the answer must both name', () => {
    const a = ask('what happens if hfl or hcc are worried about an academy');
    assert.match(
      a.text,
      /^(?:Monitoring and evaluation of academies: )?For all academies and free schools[^\n]*\n[^\n]*\nWhere HCC has concerns about an academy/,
      a.text,
    );
    assert.match(a.text, /Regional Schools Commissioner/, a.text);
  });

  /** What a letter of concern sets out, its list begun. */
  const LETTER_OUTLINE = /The letter of concern will outline:\n- The specific nature of HCC's concern\(s\)\.\n- The date by which an action plan/;

  it('tells a process whose last list does not fit with the first of its items, marked as cut short', () => {
    const a = ask('how does the letter of concern thing work');
    assert.match(a.text, LETTER_OUTLINE, a.text);
    assert.match(a.text, /\n- …$/, a.text);
  });

  it('tells a process in order without a sentence chosen from far down its passage crowding out the steps before it', () => {
    const a = ask('walk me through the letter of concern process from beginning to end');
    assert.match(a.text, LETTER_OUTLINE, a.text);
    // (Where the best sentence is, and the stretch around it, the answer still keeps it.)
    const b = ask("How was the 2004 Standards and School Effectiveness Board's meeting cycle supposed to work?");
    assert.match(b.text, /The Board will meet once per half term/, b.text);
  });

  it("names a workstream's lead among the members of its group", () => {
    const a = ask('whos on the sensory and physical needs group');
    assert.match(a.text, /Donald Allan/, a.text);
    assert.match(a.text, /- Caroline Tristram, Primary Head/, a.text);
  });

  it('marks a list cut short where it stops, not after what follows it', () => {
    const a = ask("How does the letter of concern process work from HCC's side?");
    assert.match(a.text, /- b\. Concerns raised with HCC regarding the effectiveness and quality of governance in the school\n- …\n/, a.text);
  });

  it('marks an answer cut short once, when a list cut short ends where the answer is cut', () => {
    for (const q of [
      'How was the Standards and School Effectiveness Board supposed to operate in 2004 — reporting lines and meeting pattern?',
      'in SE+ how was reporting supposed to flow up from the SSEB?',
      'what happens when a school gets rated amber or red',
      'how do they work out special school place numbers?',
    ]) {
      const a = ask(q);
      assert.ok(a.text.length <= 1400, a.text);
      assert.doesNotMatch(a.text, /- …\n- …/, a.text);
    }
  });

  it('tells a passage to its end when it runs a little over a thousand characters', () => {
    const first = ask("in se+ what did they mean by 'networks' of schools");
    const a = ask('how were learning communities diffrent from them?', first.context);
    assert.match(a.text, /formal partnerships/, a.text);
    assert.ok(a.text.length <= 1400, `${a.text.length}`);
  });

  it('gives the next best sentences of an answer when they answer nearly as well', () => {
    assert.match(ask('what did the quadrant school effectiveness boards do under se+?').text, /operational side of educational delivery/);
  });

  it('gives each document of a comparison its next best sentence when it answers nearly as well', () => {
    const a = ask('what do the 2004 SE+ paper and the 2021 strategy say about schools collaborating?');
    const old = a.text.split('\n\n').find((part) => part.startsWith('In the superseded 2004')) ?? '';
    assert.match(old, /stronger collaboration and co-operation between our schools/, a.text);
    assert.match(old, /Existing models of collaboration between schools/, a.text);
  });

  it("gives a part of a question that names its paper that paper's room for its next best sentences", () => {
    const a = ask(
      'What has Schools Forum agreed according to the SEND workstreams paper, and what does it decide under the 2021-2026 School Improvement Strategy?',
    );
    assert.match(a.text, /de-delegated/, a.text);
  });

  it('gives a list item among the next best units of a comparison, under its lead-in', () => {
    const a = ask(
      'the 2004 doc talks about networks and learning communities - what were they, and what does the each and every child paper say about learning communities?',
    );
    assert.match(a.text, /create learning communities that embrace inclusive/, a.text);
  });

  it('reads "it" in a part after "which <kind>…?" as the one the answer named', () => {
    const a = ask('Which workstream has Donald Allan as lead, and what types of need does it cover?');
    assert.match(a.text, /Sensory and Physical Needs workstream is led by Donald Allan/, a.text);
    assert.match(a.text, /covers PNI, VI and HI/, a.text);
    assert.doesNotMatch(a.text, /couldn't find/, a.text);
  });

  it('reads a school year written short ("16-17") as the papers write it ("2016-17")', () => {
    const a = ask('how many extra special school places for 16-17');
    assert.match(a.text, /net increase of 52 places in 2016-17/, a.text);
  });

  it('answers "who" with the passage that names someone, or a post, over one that only says what was done', () => {
    const a = ask('how many extra special school places for 16-17 and who signed that off');
    assert.match(a.text, /School Forum agreed/, a.text);
  });

  it('reads "going to" before a verb as asking what will happen', () => {
    const a = ask("what's the autism workstream actually going to do?");
    assert.match(a.text, /^What the Autism workstream will do/, a.text);
  });

  it('reads an opening word typed as it sounds ("wot") as the question word that sounds so', () => {
    const a = ask('wot kinda stuff can families first help with');
    assert.match(a.text, /help with issues such as/, a.text);
  });

  it('answers a question asking nothing in particular about a term with the passage about it, not the line spelling it out', () => {
    const a = ask('anything on sacre in the strategy');
    assert.match(a.text, /collective worship/, a.text);
  });

  it('goes on from a short passage that introduces the next ones in a part of a longer question too', () => {
    const a = ask('What has to happen before HCC can use its formal intervention powers on a maintained school, and what are those powers?');
    assert.match(a.text, /further written notice, it is then eligible for intervention/, a.text);
  });

  it('tells a process from where its passage starts on it, when the passage split for length began on something else', () => {
    const a = ask('How does the warning notice process work for a maintained school?');
    assert.match(a.text, /^If an LA maintained school on the register of schools causing concern/, a.text);
    assert.match(a.text, /ending 15 days later/, a.text);
    // (A letter of concern, which the passage starts with, is still told from its start.)
    assert.match(ask('how does a letter of concern work start to finish?').text, /^Where schools are deemed underperforming/);
  });

  it('does not cite a passage the length cap left out of the answer', () => {
    for (const q of ['How does the warning notice process work for a maintained school?', 'How do action groups work for schools causing concern?']) {
      const a = ask(q);
      a.citations.forEach((_, i) => assert.ok(a.text.includes(`[${i + 1}]`), `[${i + 1}] not in: ${a.text}`));
    }
  });

  it('gives a next best unit that covers a little less of the question than the best', () => {
    const a = ask('what help can a struggling governing body get?');
    assert.match(a.text, /a review of the effectiveness of the governing body/, a.text);
  });

  it('asks an elliptical follow-up of the documents the conversation named', () => {
    const first = ask('What did the 2004 SE+ strategy mean by networks?');
    const a = ask('and learning communities?', first.context);
    assert.ok(a.citations.length > 0, a.text);
    for (const c of a.citations) assert.match(c.title, /School Effectiveness Plus/, a.text);
  });

  it('reads an adverb between the question word and its verb as how the question is put ("what exactly is…")', () => {
    const a = ask('what even is a warning notice');
    assert.match(a.text, /^A warning notice from HCC to the governing body sets out/, a.text);
  });

  it('reads a word English does not have, two slips from a question word, as that word anywhere in the question', () => {
    const a = ask('in se+ wots the plus about');
    assert.equal(a.kind, 'answer', a.text);
    assert.match(a.text, /School Effectiveness Plus \(SE\+\) is/, a.text);
  });

  it('does not open a comparison of two documents with what an acronym stands for', () => {
    const a = ask('what part does hfl play in the 2021 strategy and in the 2023 each and every child paper?');
    assert.equal(a.kind, 'answer', a.text);
    assert.doesNotMatch(a.text, /stands for/, a.text);
    assert.ok(new Set(a.citations.map((c) => c.title)).size >= 2, a.text);
  });

  it('reads a noun the papers never use as the word WordNet makes it from, when the papers use that ("membership")', () => {
    const a = ask('what is the membership of the SSEB?');
    assert.equal(a.kind, 'answer', a.text);
    assert.match(a.text, /headteachers will be members of the Board/, a.text);
  });

  it('gives each document of a comparison room for a sentence that goes on from its first', () => {
    const a = ask('how do the 2004 se+ paper and the 2023 paper each approach inclusion?');
    assert.match(a.text, /Effective inclusion relies on more than specialist skills and resources\. It requires positive attitudes/, a.text);
    assert.equal(new Set(a.citations.map((c) => c.title)).size, 2, a.text);
  });

  it('answers "…compared to now" from the superseded paper and from the one that replaced it, though only one is named', () => {
    const a = ask('how did the 2004 strategy monitor schools compared to now');
    const titles = a.citations.map((c) => c.title);
    assert.ok(
      titles.some((t) => /School Effectiveness Plus/.test(t)),
      a.text,
    );
    assert.ok(
      titles.some((t) => /2021-2026/.test(t)),
      a.text,
    );
  });

  it('finds what a verb asks where the papers name who does it ("contribute" → "an important contributor")', () => {
    const a = ask('how does the 2021 strategy describe what special schools contribute');
    assert.match(a.text, /^Special schools in Hertfordshire are an important contributor/, a.text);
  });

  it('answers "when may…" with the circumstances the papers list, not a list that mentions when', () => {
    const a = ask('when may hcc issue a warning notice?');
    assert.match(a.text, /^A warning notice may be issued by HCC in circumstances where:/, a.text);
    assert.match(a.text, /unacceptably low/, a.text);
  });

  it('reads "under what conditions…", "in what situations…" as asking for the circumstances', () => {
    const a = ask('under what conditions can a warning notice be issued?');
    assert.match(a.text, /^A warning notice may be issued by HCC in circumstances where:/, a.text);
  });

  it("tells a process in the order its passage does, lists whole, past the steps that repeat the question's words", () => {
    const a = ask('how does hcc check how hfl is doing during the year?');
    assert.match(a.text, /Joint Annual Performance Review[\s\S]*Strategic Development Group/, a.text);
    // A lead-in never ends the answer without its items.
    assert.doesNotMatch(a.text, /:\s*(\[\d+\])?\s*$/, a.text);
  });

  it('carries the subject of a first part to the next, not the date the first part asked at', () => {
    const a = ask('how many schools got steps training by october 2015, and what does the 2023 paper say about it?');
    assert.match(a.text, /160 schools/, a.text);
    assert.match(a.text, /Hertfordshire STEPS is a training package/, a.text);
  });

  it('does not look for a verb by a synonym the papers mostly write as another part of speech ("send" → "direct", "directly")', () => {
    const a = ask('whats a letter of concern? who does hcc talk to before sending one');
    assert.match(a.text, /Before issuing a letter of concern HCC will always consult/, a.text);
  });

  it('reads a follow-up that names nothing, only what it asks with, as about the last subject', () => {
    const first = ask('when does the hfl / independent thinking leadership programme start?');
    const a = ask('how many can go?', first.context);
    assert.equal(a.kind, 'answer', a.text);
    assert.match(a.citations[0]?.section ?? '', /HFL and Independent Thinking/);
  });

  it("spells out initials a follow-up borrows, as it does the question's own", () => {
    assert.match(ask('How often was the SSEB meant to meet under SE+, and who would chair it?').text, /chaired by the Deputy Director/);
  });

  it('does not read the "there" of "are there" as pointing back', () => {
    const a = ask('How many secondary schools are in MCR Pathways, and how many DSPL groups are there, according to the 2023 paper?');
    assert.match(a.text, /\b11 secondary schools/);
    assert.match(a.text, /The nine DSPL groups/);
  });

  it('answers workstream progress asked in other words with where it stands', () => {
    for (const q of ['how far along is the autism review?', 'any news on the SpLD work?', 'where are we with EP?']) {
      const a = ask(q);
      assert.match(a.citations[0]?.section ?? '', /Summary of Current Position/, q);
    }
  });

  it('keeps the subject of a follow-up', () => {
    const first = ask('Who leads the special schools workstream?');
    assert.match(first.text, /Jennie Newman/);
    const second = ask('Which parents are on it?', first.context);
    assert.match(second.text, /Leise Cooper/);
    assert.doesNotMatch(second.text, /Carol Kelsey/);
  });

  it('does not give a follow-up that names nothing new the units it has just given, unless they say what it asks', () => {
    const lenses = ask('what are the ten lenses of the great school framework?');
    assert.match(lenses.text, /ambitious, inspirational and strategic leadership/);
    const who = ask('who came up with it?', lenses.context);
    assert.equal(who.kind, 'answer');
    assert.doesNotMatch(who.text, /ambitious, inspirational and strategic leadership/);
    // "Which parents are on it?" names parents: the list it was given may hold the answer.
    const lead = ask('Who leads the special schools workstream?');
    assert.match(ask('Which parents are on it?', lead.context).text, /Leise Cooper/);
  });

  it('reads a slip for a question word as that word, and ignores a slip for any other function word', () => {
    const a = ask('wich lenses r in the great school framwork');
    assert.match(a.text, /ambitious, inspirational and strategic leadership/);
    // A question opens with its question word: there a three-letter slip is one too.
    assert.match(ask('wat are the lenses in the great school framework').text, /ambitious, inspirational and strategic leadership/);
    // …and so is a word English does not have two slips from one.
    assert.equal(ask('wots the plus in se+ even supposed to mean lol').kind, 'answer');
  });

  it('asks a new subject what the last question asked, not where it stands', () => {
    const first = ask('who leads sensory and physcial needs?');
    assert.match(ask('what about the spld one?', first.context).text, /Anne Powell Davies/);
  });

  it('answers which workstreams a person is on from every section that names them', () => {
    const a = ask('Which workstreams is Helen Booth involved in?');
    assert.match(a.text, /Autism/);
    assert.match(a.text, /Speech, Language and Communication Needs/);
  });

  it('corrects misspelt words but not misspelt names', () => {
    assert.match(ask('who leads behavour and alternative provison').text, /Martin Smith/);
    assert.equal(ask("what's terry dorris's role?").kind, 'decline');
  });

  it('reads a clipped word as the commonest document word it begins', () => {
    assert.match(ask("who's the principal ed psych in the workstreams update?").text, /Ann Ricketts/);
    // …even where swapping two letters would make a rarer one ("strat": "start").
    assert.match(ask('wat does the strat say about home ed').text, /some parents choose to educate their children at home/);
  });

  it('declines who holds a post the documents mention without naming anyone, and answers one they name', () => {
    const unnamed = ask('Who is the Hertfordshire STEPS County Lead?');
    assert.equal(unnamed.kind, 'decline');
    assert.match(unnamed.text, /couldn't find who the Hertfordshire STEPS County Lead is: the documents mention the post but don't name anyone/);
    assert.deepEqual(unnamed.citations, []);
    assert.match(ask('Who is the Cabinet Member for Education, Libraries and Life Long Learning?').text, /Terry Douris/);
    // Not a post: who a programme is for.
    assert.equal(ask('Who is the HFL and Independent Thinking leadership programme aimed at?').kind, 'answer');
    // A post beside the answer ("Principal Educational Psychologist") is not a person.
    const post = ask('What was the name of the Deputy Director for Learning and School Effectiveness who chaired the SSEB in 2004?');
    assert.equal(post.kind, 'decline', post.text);
  });

  it('goes on through a process from the sentence that starts it', () => {
    const a = ask('How does a warning notice work?');
    assert.match(a.text, /may be issued/);
    // The next step, a list, with every one of its items (the third restates a sentence of an earlier section).
    assert.match(a.text, /in circumstances where:\n- standards[^\n]*\n- there has been[^\n]*\n- the safety of pupils/);
  });

  it('answers a process from both passages that describe it', () => {
    // One passage says no warning notice is needed; another that the council then sends a statement of action.
    const a = ask('What happens when Ofsted places a maintained school in special measures?');
    assert.match(a.text, /not necessary for HCC to give a warning notice/);
    assert.match(a.text, /statement of action/);
    assert.ok(a.citations.length >= 2);
  });

  it('declines which members a counted group has when the only list item is the count itself', () => {
    const a = ask('Which 24 schools are on the KS2 Closing the Gap programme?');
    assert.equal(a.kind, 'decline', a.text);
    assert.match(a.text, /which 24 schools they are/);
    // A lead-in that gives the count introduces the members it names.
    assert.match(ask('when was CSF set up and what were the 4 parts of its model in the 2004 paper').text, /Vulnerable Children/);
  });

  it('does not count things with a span of time that only stands before them ("the day when the warning notice is given")', () => {
    assert.doesNotMatch(ask('How many warning notices has HCC issued to maintained schools since 2021?').text, /ending 15 days later/);
    assert.match(ask('how many days does a school have to comply with a warning notice?').text, /ending 15 days later/);
  });

  it('reads "what is the cost / budget of…" as asking for a sum of money, and declines when none is given', () => {
    assert.equal(ask('whats the cost per person for the hfl / independent thinking leadership programme?').kind, 'decline');
    assert.equal(ask('What is the total budget for the SEND Strategy 2022-25?').kind, 'decline');
    assert.match(ask("what's the cost of a when the adults change licence?").text, /£37\.50/);
  });

  it('declines a count the documents give only for something else', () => {
    assert.equal(ask('how many herts schools are red rated right now?').kind, 'decline');
  });

  it('cites the progress paper under one title, for registry sections and any other', () => {
    const titles = new Set(
      [...ask('Who leads the autism workstream?').citations, ...ask('What are the outcomes for EP services?').citations].map((c) => c.title),
    );
    assert.deepEqual([...titles], ['Progress on SEND Strategy and Workstreams (HLN Item 9)']);
  });

  it('reads initials nobody wrote as the title-case name they abbreviate', () => {
    // No document writes "QSO" or "BAP"; people shorten the workstreams' names so.
    const lead = ask("who's leading on the QSO?");
    assert.match(lead.text, /David Killgallon/);
    assert.doesNotMatch(lead.text, /stands for/);
    assert.match(ask('any news on BAP?').text, /Behaviour and Alternative Provision/);
    // Initials that spell an everyday word are that word.
    assert.equal(kb.acronyms.has('hit'), false);
  });

  it('says a workstream has no dated milestones rather than give another its milestones', () => {
    const none = ask('what is the next milestone for autism?');
    assert.match(none.text, /no dated milestones for the Autism workstream/);
    assert.doesNotMatch(none.text, /DSPL/);
  });

  it('answers a superseded paper set against the present from the paper that replaced it too', () => {
    const a = ask('schools causing concern - how did SE+ handle them compared with now?');
    assert.deepEqual(new Set(a.citations.map((c) => c.docId)), new Set(['school-effectiveness-plus-2004', 'school-improvement-strategy-2021-2026']));
  });

  it('reads an unknown noun between two prepositions as part of them ("in charge of"), not as a subject the documents lack', () => {
    assert.match(ask("who's in charge of the autism workstream?").text, /John Short/);
    assert.equal(ask('who is in charge of the weather in st albans?').kind, 'decline');
  });

  it('labels a passage that opens on a list item without its lead-in, so it does not run on from the list before', () => {
    const a = ask("who's in charge of the autism workstream?");
    for (const [, line] of a.text.matchAll(/\n([^\n-][^\n]*)\n- /g)) assert.ok(/:( \[\d+\])?$/.test(line ?? ''), `an item follows "${line}"`);
    assert.doesNotMatch(a.text, /, HfL\n- An update/);
  });

  it('takes a title phrase the other papers use more than its own for a topic, not a name ("the SEND strategy")', () => {
    const a = ask('what does the each and every child paper say about the SEND strategy?');
    assert.match(a.text, /SEND Strategy 2022/);
    assert.ok(a.citations.every((c) => c.docId === 'each-and-every-child-2023' || /Glossary/.test(c.section)));
  });

  it('goes on from a short passage into the passages it introduces ("outlined below")', () => {
    const a = ask('What formal powers of intervention can the local authority use in a maintained school?');
    assert.match(a.text, /Interim Executive Board/);
    assert.match(a.text, /additional governors/);
  });

  it('answers what has happened with the whole of where a workstream stands, and where one thing had got to with its item', () => {
    const since = ask("who's leading the autism workstream and whats happened since the review came out");
    assert.match(since.text, /John Short/);
    assert.match(since.text, /\b134 headteachers/);
    assert.match(since.text, /Newsletter/);
    const where = ask('where had the refreshed behaviour strategy got to?');
    assert.match(where.text, /initial draft of a refreshed Behaviour Strategy/);
    assert.doesNotMatch(where.text, /discussed at the SEND Executive in July/);
  });

  it('reads the passages a short one points on to ("outlined below") under its heading, which holds words they lack', () => {
    // The powers are listed under "Schools causing concern following…": "formal" and "intervention" are only in the heading before.
    const a = ask('What formal powers of intervention does HCC have over a maintained school?');
    assert.match(a.text, /Interim Executive Board/);
    assert.match(a.text, /additional governors/);
  });

  it("answers what a rating colour means from its row of the OCR'd RAYG grid, which is now a passage of its own", () => {
    assert.match(ask("what's an amber school?").text, /solidly RI school/);
    assert.match(ask('what does light green mean?').text, /solid or strong good school/);
    assert.ok(kb.sections.some((s) => s.path.at(-1) === 'Yellow'));
  });

  it('answers a question whose only unknown word is everyday phrasing, and declines one about a subject the papers lack', () => {
    assert.match(ask('anything in the strategy about kids being home educated?').text, /educate their children at home/);
    assert.equal(ask('can u help me write a vlookup in excel').kind, 'decline');
  });

  it('reads a document named with "old" or "previous" as the one it replaced', () => {
    const a = ask('what did the previous school improvement strategy say about networks?');
    assert.deepEqual([...new Set(a.citations.map((c) => c.docId))], ['school-effectiveness-plus-2004']);
    assert.match(ask('what were the four elements of the CSF model in the old school improvement strategy?').text, /Vulnerable Children/);
    // (Beside a year that names its successor, too: the two are named.)
    const both = 'The old strategy and the 2021 one both push schools to work together - what collaborative structures does each one describe?';
    assert.deepEqual(analyse(kb, both).documents.sort(), ['school-effectiveness-plus-2004', 'school-improvement-strategy-2021-2026']);
  });

  it('answers a process from a second passage that covers the question nearly as well', () => {
    // One passage says a working group determines place numbers; another that they are reported to Schools Forum.
    const a = ask('how are special school place numbers worked out?');
    assert.match(a.text, /headteacher working group/);
    assert.match(a.text, /School Forum/);
  });

  it('does not carry the frame of a question ("any update on…") into the subject a follow-up borrows', () => {
    const first = ask('any update on the autism workstream?');
    const next = ask("and who's on it?", first.context);
    assert.match(next.text, /John Short/);
  });

  it('weighs the particle of a phrasal verb ("reporting back") as phrasing, not as a subject', () => {
    const first = ask("who's in charge of exceptional needs funding?");
    assert.match(ask('when are they reporting back?', first.context).text, /February/);
  });

  it('declines a date or a sum the documents do not give, though they give a coarser date or none', () => {
    // The papers say "from January 2024": a month the question itself gives is not the exact date it asks for.
    assert.equal(ask("what's the exact date of the first independent thinking session in jan 2024?").kind, 'decline');
    // "What time" asks for a time of day, which no passage gives ("six full days of learning" is not one).
    assert.equal(ask('what time does the school day start?').kind, 'decline');
    // "In pounds" asks for a sum of money; the passage on the contract gives none.
    assert.equal(ask("what's the annual value of the HCC/HfL school improvement contract in pounds?").kind, 'decline');
    // The date the papers do give is still the answer when the question does not give it.
    assert.match(ask('when does the HFL and Independent Thinking leadership programme start?').text, /January 2024/);
    assert.match(ask('how much do the When the Adults Change licences cost?').text, /£37\.50/);
  });

  it('answers what is asked of a named document itself from its About passage, when no passage says', () => {
    const a = ask('when was SE+ published?');
    assert.match(a.text, /dated September 2004/);
    assert.match(a.text, /superseded/);
    assert.match(ask('when was the SEND workstreams paper written?').text, /dated January 2016/);
    assert.match(ask('is SE+ still in force?').text, /superseded/);
    // A subject of its own ("the plus in SE+") is asked of the passages, as before.
    assert.match(ask('what does the plus in SE+ mean?').text, /plus/i);
    assert.doesNotMatch(ask('what does the plus in SE+ mean?').text, /is dated/);
  });

  it('reads a possessive pointer ("its status") as the subject it points back at, asked of it', () => {
    const a = ask("what does the send workstreams update say about herts steps and what's its status in the 2023 paper?");
    assert.match(a.text, /preferred approach to behaviour management/);
    assert.doesNotMatch(a.text, /couldn't find/);
  });

  it('goes on from a one-sentence answer to the sentence after it in its passage', () => {
    const a = ask('anything in the strategy about kids being home educated?');
    assert.match(a.text, /choose to educate their children at home\. Where possible, we encourage parents to help their children back into school/);
  });

  it('answers what will happen with what the papers say will, not with where things stand', () => {
    const a = ask('What will the Quality SEND Offer workstream do?');
    assert.match(a.text, /^What the Quality SEND Offer workstream will do/);
    assert.match(ask('any news on the quality send offer?').text, /stood in January 2016/);
  });

  it('reads the noun that ends a yes/no question\'s last phrase ("on track") as how the subject stands', () => {
    assert.match(ask('is the autism workstream on track?').text, /^Where the Autism workstream stood in January 2016/);
    assert.match(ask('ep services - is it on track?').text, /^Where the Educational Psychology Services \(EP services\) workstream stood/);
  });

  it('answers what has been done so far with progress, not with plans', () => {
    assert.match(ask('what has the dspl workstream got done so far').text, /stood in January 2016/);
    assert.match(ask("what's been done on outreach from special schools?").text, /310/);
  });

  it('answers what is due next for a workstream from its milestones', () => {
    assert.match(ask("what's due next for dspl area groups").text, /milestones/);
  });

  it('answers who runs something with the person, not with every other place the subject is mentioned', () => {
    const a = ask("who's running the autism workstream");
    assert.match(a.text, /led by John Short/);
    assert.deepEqual(
      a.citations.map((c) => c.section),
      ['Autism › Lead & Representatives'],
    );
    // An acronym of the subject itself ("SEND" in the Quality SEND Offer) names nobody: the lead does.
    assert.match(ask("who's driving the QSO work").text, /^The Quality SEND Offer workstream is led by David Killgallon/);
    // "Heads up" is not "Primary Head" in the list of representatives; McGovern and McDowall are names too.
    assert.match(ask('who heads up SpLD').text, /^The Specific Learning Difficulties \(SpLD\) workstream is led by Anne Powell Davies/);
    // About a named person, every place they are named still counts.
    assert.ok(ask('which workstreams is Helen Booth on?').citations.length >= 2);
  });

  it('declines a question about a month or year the best passage does not name', () => {
    // The papers give the February half term, not the October one.
    assert.equal(ask('when are the october half term dates?').kind, 'decline');
    // A month the passage does name, and a date that names the paper, are answered.
    assert.match(ask('How many schools had received Hertfordshire Steps training by October 2015?').text, /160 schools/);
    assert.match(ask('what did the January 2016 paper say about autism?').text, /Autism/);
  });

  it('says the documents give a number but no names when asked which members a counted group has', () => {
    const a = ask('which 11 secondary schools are doing mcr pathways?');
    assert.equal(a.kind, 'decline');
    assert.match(a.text, /couldn't find which 11 secondary schools.*give the number but don't name them/);
    // A counted group the documents list is answered with its list.
    assert.match(ask('what are the five key priorities in the each and every child paper?').text, /flexible curriculum/);
  });

  it('answers what a question asks of an acronym with the sentence that says it, not the one that spells the acronym out', () => {
    // "A Standards and School Effectiveness Board – SSEB … will be responsible for…" says what the SSEB is, not when it meets.
    const a = ask('how often does the SSEB meet?').text;
    assert.match(a, /once per half term/);
    assert.doesNotMatch(a, /responsible for school improvement policy/);
    // Asked what it is, the spelled-out sentence still answers.
    assert.match(ask('what is the SSEB?').text, /Standards and School Effectiveness Board/);
  });

  it('reads a question whose question word opens a later clause ("… - what are they?") as that question', () => {
    assert.match(ask('SE+ mentions the five key outcomes from the children bill - what are they').text, /Staying safe/);
  });

  it('reads "have to" as an obligation, not as asking what has been done so far', () => {
    assert.match(ask('what does the autism workstream have to deliver?').text, /^What the Autism workstream will do/);
  });

  it('reads "what percentage" as asking for a percentage, and "percentage" as part of the question word', () => {
    // The papers say "19%", never "percentage": the word is not a subject they lack.
    assert.match(ask('what percentage has suspension risen by?').text, /19%/);
    // A passage about Key Stage 2 results that gives no percentage does not answer.
    assert.equal(ask('What percentage of Hertfordshire pupils reached the expected level at Key Stage 2 in 2004?').kind, 'decline');
  });

  it('does not count an adjective of the question that no passage uses against them ("extra" places, "a net increase")', () => {
    assert.match(ask('how many extra special school places were planned for 2016-17?').text, /52 places/);
  });

  it('answers what must be done with what the papers say is required, not only with what is not', () => {
    assert.match(ask('what does hcc have to do if ofsted puts a maintained school in special measures').text, /statement of action/);
  });

  it('weighs a rare verb of the question ("gather") less than what it asks about', () => {
    assert.match(ask('how did they gather feedback on the autism review').text, /134 headteachers and parents attended feedback sessions/);
  });

  it("answers who is in a workstream's group with its representatives", () => {
    assert.match(ask('which parents sit on the quality send offer group').text, /Leise Cooper, Parent/);
  });

  it('reads "how much money" as asking for a sum, and "money" as part of the question', () => {
    assert.match(ask('how much dsg money goes on speech therapy atm?').text, /£1\.7m/);
  });

  it('gives a question that asks nothing in particular ("tell me about…") a little more of the passage', () => {
    assert.match(ask('tell me about the difference inclusive leadership course').text, /The course is successfully supporting leaders/);
  });

  it('does not give again a sentence another part of the answer gave', () => {
    const a = ask(
      'According to the IPPR report quoted in the Each and Every Child paper, how much more likely are excluded children to have a special educational need, and to suffer recognised mental health problems?',
    ).text;
    assert.equal(a.split('The Institute for Public Policy Research').length, 2);
    assert.match(a, /seven times more likely/);
    // Nor does the second part pick again a sentence the first part gave.
    const b = ask('who organises the independent thinking leadership programme and who should schools send on it').text;
    assert.equal(b.split('We have been working with HFL and Independent Thinking').length, 2);
    // Not even as the sentence that holds the fact the second part asks for.
    const c = ask('what does a when the adults change licence cost, and how many does a small school need?').text;
    assert.equal(c.match(/two licenses are purchased/g)?.length, 1, c);
  });

  it('reads every line under a heading that names only what was asked ("The Vision") as about it', () => {
    const a = ask('how does the vision in the 2021 school improvement strategy compare to the one in the each and every child paper').text;
    assert.match(a, /great school/);
    assert.match(a, /thrive in their local community/);
  });

  it('answers how far something has got from the passage that says where it stands, not from its outcomes', () => {
    assert.match(ask('how far had steps got by the send workstreams update').text, /160 schools/);
  });

  it('does not repeat the last answer to a follow-up that asks something new of it ("and who sends that to Ofsted?")', () => {
    const first = ask('what does hcc have to do if ofsted puts a maintained school in special measures');
    assert.match(first.text, /statement of action/);
    assert.match(ask('and who sends that to ofsted?', first.context).text, /sent to Ofsted by HfL/);
  });

  it('looks for the answer to a follow-up that points back just after what the last answer gave', () => {
    const first = ask('how long does a school get to sort things out after hcc gives them a warning notice');
    assert.match(first.text, /15 days/);
    assert.match(ask('can they push back on it?', first.context).text, /representations to Ofsted/);
  });

  it('reads "which one" in a later part as pointing back at what the part before asked about', () => {
    const a = ask(
      'which send strategy does the school improvement strategy point to, and which one is the each and every child paper aligned with?',
    ).text;
    assert.match(a, /SEND Strategy 2022-25/);
  });

  it('gives all the items a lead-in announces when a pull-quote cuts its list in two', () => {
    const a = ask('SE+ mentions the five key outcomes from the children bill - what are they').text;
    for (const item of ['Being happy', 'Staying safe', 'Enjoying and achieving', 'Making a positive contribution', 'Achieve economic well being'])
      assert.ok(a.includes(item), item);
    assert.doesNotMatch(a, /close synergy/);
  });

  it('does not pass over a short lead-in ("Benefits for families:") that introduces what was asked', () => {
    assert.match(ask('what did se+ say families would get out of extended schools').text, /Greater parental involvement/);
  });

  it('answers what a paper points to when the verb reads as a noun ("does the school improvement strategy point to")', () => {
    assert.match(ask('which send strategy does the school improvement strategy point to').text, /Five Year Strategy April 2018/);
  });

  it('finds the verb the tagger read as a noun when a clause follows it ("does the 2021 strategy check hfl is performing")', () => {
    assert.match(ask('how does the 2021 strategy check hfl is performing').text, /Performance Management/);
  });

  it('does not read a casual abbreviation or a verb beside a place name as an unknown person ("herts atm", "heads n govs")', () => {
    assert.match(ask('how many teaching school hubs cover herts atm and which ones r they').text, /Chiltern/);
    assert.match(ask('do heads n govs get any say in the hcc/hfl contract or is it just council officers').text, /Schools Forum/);
    assert.match(ask('Which workstreams is Leise Cooper a member of?').text, /Quality SEND Offer/);
    assert.match(ask('what does Leise Coopper do?').text, /couldn't find anyone called Leise Coopper/);
  });

  it('does not take a glossary name that holds title words ("school effectiveness advisers") for a document', () => {
    const a = ask('what do school effectiveness advisers do?');
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /Hertfordshire Improvement Partners/);
    assert.match(ask('What did the 2004 strategy say School Effectiveness Advisers were there to do?').text, /commission and co-ordinate/);
  });

  it('counts what a question counts even when it names it in a word the papers never use ("how many ppl")', () => {
    assert.match(ask('how many ppl came to the autism review feedback sessions?').text, /134 headteachers and parents/);
  });

  it('answers each document of a comparison from the passage that names what was asked, not from a better-retrieved one nearby', () => {
    const a = ask('in SE+ what were the school effectiveness advisers supposed to do, and who does that sort of job under the 2021 strategy?').text;
    assert.match(a, /commission and co-ordinate support/);
  });

  it('keeps what described the last subject a description when a follow-up borrows it ("who signed that off?")', () => {
    const first = ask('How many extra special school places are planned for 2016-17?');
    assert.match(first.text, /52 places/);
    assert.match(ask('who signed that off?', first.context).text, /School Forum agreed/);
  });

  it('asks a part that points back with an object pronoun about what it points at ("how can a school get hold of them?")', () => {
    const a = ask('What does HCC Services for Young People provide, and how can a school get hold of them?').text;
    assert.match(a, /sfyp@hertfordshire\.gov\.uk/);
  });

  it('reads a word for a document after its name as part of the naming ("the 2004 School Effectiveness Plus paper")', () => {
    const a = ask('How did the vision in the 2004 School Effectiveness Plus paper differ from the vision set out in the 2021-2026 strategy?').text;
    assert.match(a, /Our vision|vision (of this revised|mirrors)/);
    assert.doesNotMatch(a, /is dated 2021/);
  });

  it('asks each document what the clause naming it asks, not what the other clause asks of the other', () => {
    const a = ask(
      'How did the 2004 paper approach prevention and vulnerable children, compared with what the 2023 paper says about Families First?',
    ).text;
    assert.match(a, /Preventative Strategy/);
    assert.match(a, /Families First/);
  });

  it('reads "back in the … days" around a document\'s name as part of the naming, not as what is asked', () => {
    const asked = analyse(kb, 'back in the 2004 school effectiveness plus days who oversaw school improvement');
    assert.deepEqual(asked.documents, ['school-effectiveness-plus-2004']);
    assert.deepEqual(
      asked.terms.filter((t) => t.word === 'back' || t.word === 'days'),
      [],
    );
  });

  it('reads "she" in a follow-up to a who-question as the person the answer named, and "else" as besides what it gave', () => {
    const first = ask('who runs the exceptional needs funding workstream?');
    assert.match(first.text, /Jennie Newman/);
    assert.equal(first.context.person, 'Jennie Newman');
    const next = ask('what else does she lead?', first.context);
    assert.match(next.text.split('\n')[0] ?? '', /Special Schools workstream is led by Jennie Newman/, next.text);
    assert.doesNotMatch(next.text, /Exceptional Needs Funding \(ENF\) workstream is led/, next.text);
  });

  it('keeps cached answers to a follow-up apart by the person the last answer named', () => {
    const cache = new AnswerCache(10);
    const [a, b] = ['Jennie Newman', 'Helen Booth'].map((person) =>
      cache.get('what else does she lead?', { subject: 'workstream', person }, () =>
        ask('what else does she lead?', { subject: 'workstream', person }),
      ),
    );
    assert.notEqual(a?.text, b?.text);
  });

  it('asks a later part set in the present ("…and how\'s that done now?") of what replaced the document the first part named', () => {
    const a = ask('back in the 2004 school effectiveness plus days who oversaw school improvement, and how is that done now?');
    const cited = a.citations.map((c) => c.title);
    assert.ok(cited.some((t) => /2004/.test(t)) && cited.some((t) => /2021-2026/.test(t)), cited.join(' | '));
  });

  it('asks a document what the other clause asks when the clause naming it asks nothing of its own ("compared with who does it under…")', () => {
    const q = 'Who delivered support to schools under School Effectiveness Plus in 2004, compared with who does it under the 2021-26 strategy?';
    assert.ok(analyse(kb, q).terms.every((t) => !t.document));
    const cited = new Set(ask(q).citations.map((c) => c.title));
    assert.ok([...cited].some((t) => /2004/.test(t)) && [...cited].some((t) => /2021-2026/.test(t)), [...cited].join(' | '));
  });

  it('reads a noun made of a verb and its particle ("rollout") as that phrasal verb, not as a subject the papers never cover', () => {
    const a = ask('What does the workstreams update say about how far the Herts Steps rollout had got');
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /160 schools/);
  });

  it('splits at a dash after a question, not after what a question then asks about', () => {
    assert.deepEqual(splitParts('how does the RAYG rating thing work - when do schools get rated?'), [
      'how does the RAYG rating thing work',
      'when do schools get rated?',
    ]);
    assert.equal(splitParts('SE+ mentions the five key outcomes - what are they?').length, 1);
    // An "and" opening the message keeps the follow-up leaning on the last answer.
    assert.deepEqual(splitParts('and how much does the primary side cost?'), ['and how much does the primary side cost?']);
  });

  it('keeps a fronted prepositional phrase with the question it frames, not as a question of its own', () => {
    assert.equal(splitParts('In School Effectiveness Plus, what is the difference between networks and learning communities?').length, 1);
    assert.deepEqual(splitParts('hiya, how much money goes on the primary SpLD bases?'), ['how much money goes on the primary SpLD bases?']);
    const a = ask('In School Effectiveness Plus, who was to chair the Standards and School Effectiveness Board?');
    assert.match(a.text, /chaired by the Deputy Director/);
    assert.doesNotMatch(a.text, /mirror the work/);
  });

  it('opens a new question at a phrase that frames a question word after "and", not at a preposition the question word belongs to', () => {
    assert.deepEqual(
      splitParts(
        "Back in 2004, who was meant to chair the Standards and School Effectiveness Board, and under today's strategy who chairs the JAPR meeting with HfL?",
      ),
      [
        'Back in 2004, who was meant to chair the Standards and School Effectiveness Board',
        "under today's strategy who chairs the JAPR meeting with HfL?",
      ],
    );
    assert.equal(
      splitParts('How many schools does the Diocese of Westminster Education Service support, and across how many local authorities?').length,
      1,
    );
    assert.equal(splitParts('what does the LA have to do and by when').length, 1);
  });

  it('reads a date that only means the time of asking ("today\'s strategy") as no date to look for', () => {
    assert.deepEqual(analyse(kb, "under today's strategy who chairs the JAPR meeting with HfL?").dated, []);
    assert.match(ask("under today's strategy who chairs the JAPR meeting with HfL?").text, /Operations Director/);
    // A time before the asking still is one: the papers say nothing of last year.
    assert.notDeepEqual(analyse(kb, 'how many schools were rated red under RAYG last year?').dated, []);
  });

  it('reads "they" in a follow-up as the workstream just asked about, not any workstream that matches its words', () => {
    const first = ask("who's in charge of the DSPL area groups workstream?");
    const a = ask('what are they taking to the SEND Exec in January?', first.context);
    assert.match(a.text, /communication strategy/);
    assert.doesNotMatch(a.text, /SpLD/);
  });

  it('mends slips before reading the question, so a misspelt verb or document name is read as the word it is', () => {
    assert.match(ask("wen's the skool improvement strategy gettin rewritten?").text, /rewritten in 2026/);
    assert.ok(analyse(kb, 'whats the proccess for a letter of concern from hcc?').process);
    // A word beside a name's is part of a name the papers may not have, not a slip for one of their words.
    assert.equal(ask('what does ann rickards do?').kind, 'decline');
  });

  it('gives the items of a list too long to give whole that name what was asked ("which parents are on it?")', () => {
    const first = ask('who leads the behaviour and alternative provision workstream?');
    const a = ask('and which parents are on it?', first.context);
    assert.match(a.text, /Leise Cooper, Parent/);
    assert.match(a.text, /Raine Simcox, Parent/);
  });

  it('marks a list given only in part as cut short, so it does not read as complete', () => {
    const a = ask('What conditions did the LGA/ISOS report say you need for a local school improvement system to work?');
    assert.match(a.text, /9 key conditions/);
    assert.match(a.text, /\n- …$/m);
  });

  it('reads initials typed in capitals as the name the glossary spells out, not as the English verb they spell ("which SEND strategy")', () => {
    const asked = analyse(kb, 'which SEND strategy does the each and every child paper line up with?');
    assert.ok(!asked.terms.some((t) => t.word === 'send' && t.relation));
    assert.equal(asked.relation, '');
  });

  it('finds the verb of a statement the tagger read without one ("…both point to a SEND strategy.")', () => {
    const q = 'the 2021-26 strategy and the each and every child doc both point to a SEND strategy. which one does each refer to?';
    assert.equal(analyse(kb, q).relation, 'point');
    assert.match(ask(q).text, /April 2018 to March 2023/);
    // (So does a statement ended by a dash before its question.)
    const dashed = 'The school improvement strategy and the Each and Every Child paper both point to a SEND strategy - which one does each refer to?';
    assert.equal(analyse(kb, dashed).relation, 'point');
    assert.match(ask(dashed).text, /April 2018 to March 2023/);
    // (Not a question typed without its verb.)
    assert.notEqual(analyse(kb, 'wat r the isos conditions for a good local school improvement system').relation, 'conditions');
  });

  it('asks a later part that says "in each" of each document the part before it named', () => {
    const a = ask('how does the 2004 SE+ approach to monitoring schools compare with the 2021 strategy? who actually does the monitoring in each');
    assert.match(a.text, /Standards and School Effectiveness Board/);
  });

  it('weighs who did what a question asks about ("rated amber or red by HfL") as given, not as what it asks', () => {
    const weight = (q: string, w: string): number => analyse(kb, q).terms.find((t) => t.word === w)?.weight ?? 0;
    assert.ok(
      weight('What happens when a school gets rated amber or red by HfL?', 'hfl') < weight('What does HfL do when a school gets rated amber?', 'hfl'),
    );
    assert.match(ask('What happens when a school gets rated amber or red by HfL?').text, /district school effectiveness adviser/);
  });

  it('leaves out the words in which the asker says who they are ("I\'m a head teacher and wondered…")', () => {
    const words = (q: string): string[] => analyse(kb, q).terms.map((t) => t.word);
    assert.ok(!words("I'm a head teacher and wondered what actually happens once HfL rates a school amber or red?").includes('teacher'));
    assert.deepEqual(words('As a SENCo, what does the autism workstream do?').sort(), ['autism', 'workstream']);
    // ("I'm looking for…" says what is asked.)
    assert.ok(words("I'm looking for the autism workstream lead").includes('autism'));
  });

  it('reads "the summer one" after the spring meeting as the summer meeting: the word of the same kind is set aside, "one" stands for the noun', () => {
    const a = ask("What's the focus of the spring SDG meeting between HCC and HfL, and what does the summer one look at?");
    assert.match(a.text, /value for money/);
    assert.match(a.text, /special projects/);
  });

  it('weighs an event that only sets the question in time ("since covid", "b4 the pandemic") as framing', () => {
    const weight = (q: string, w: string): number => analyse(kb, q).terms.find((t) => t.word === w)?.weight ?? 0;
    const framed = weight('how much have suspensions gone up in herts since covid?', 'covid');
    assert.ok(framed > 0 && framed <= weight('how much have covid suspensions gone up in herts?', 'covid') / 2, String(framed));
    assert.match(ask('how much have suspensions gone up in herts since covid?').text, /19%/);
  });

  it('does not correct a rarer form of an everyday word to a word of the papers ("sorts" is not "sports", "loads" not "leads")', () => {
    const words = (q: string): string[] => analyse(kb, q).terms.map((t) => t.word);
    assert.ok(!words('who sorts out kids going back into mainstream?').includes('sports'));
    assert.ok(!words('is leise cooper on loads of the workstreams?').includes('leads'));
  });

  it('reads a name after "is" as the subject, not a verb or a plural ("what even is steps?"), for a follow-up to lean on', () => {
    const first = ask('what even is steps');
    assert.equal(first.context.subject, 'steps');
    assert.match(first.citations[0]?.section ?? '', /^STEPS$/);
    assert.ok(!analyse(kb, 'what even is steps').wantsList);
    const next = ask('who runs the training for it?', first.context);
    assert.match(next.citations[0]?.section ?? '', /STEPS/, next.text);
  });

  it('reads a question asking for figures ("any numbers on…", "what stats…") as asking for numbers, unless it asks how', () => {
    assert.deepEqual(analyse(kb, 'does the 2023 paper give any numbers on alternative provision?').wants, ['number', 'percent', 'money']);
    assert.ok(!analyse(kb, 'does the 2023 paper give any numbers on alternative provision?').terms.some((t) => t.word === 'numbers'));
    assert.equal(analyse(kb, 'how were special school place numbers worked out?').wants, undefined);
  });

  it('reads "how many £…" as asking for a sum of money, not any number', () => {
    assert.deepEqual(analyse(kb, 'how many £ is the hcc/hfl school improvement contract worth a year?').wants, ['money']);
    assert.equal(ask('how many £ is the hcc/hfl school improvement contract worth a year?').kind, 'decline');
  });

  it('reads "is there a deadline…?" as asking for a date or duration, not "the summer one" or "in the autumn term"', () => {
    assert.deepEqual(analyse(kb, 'is there a deadline for governors once a warning notice lands?').wants, ['date', 'time', 'duration']);
    assert.match(ask('is there a deadline for governors once a warning notice lands?').text, /15 days/);
    assert.equal(analyse(kb, 'what does the summer one focus on').wants, undefined);
    assert.equal(analyse(kb, 'what happens in the autumn term meeting').wants, undefined);
  });

  it('does not decline a part asking for a number that another part has already answered, nor a yes/no part', () => {
    const a = ask('what does RAYG stand for and how many colours are there');
    assert.match(a.text, /5 colour categories/, a.text);
    assert.doesNotMatch(a.text, /couldn't find/, a.text);
    const b = ask('which schools host the two secondary SpLD bases and did they actually close?');
    assert.match(b.text, /couldn't find an answer to "did they actually close\?"/, b.text);
  });

  it('does not decline a part of a message that asks nothing and names nothing ("sorry if dumb q but…")', () => {
    const a = ask('sorry if dumb q but whats SACRE for');
    assert.doesNotMatch(a.text, /couldn't find/, a.text);
    assert.match(a.text, /statutory LA Council/, a.text);
  });

  it('says what initials stand for and what the papers say of them, not the glossary line alone', () => {
    const a = ask('what is an ESC?');
    assert.match(a.text, /^ESCs stands for Education Support Centres/, a.text);
    assert.match(a.text, /provide services to improve pupil behaviour/, a.text);
    assert.doesNotMatch(a.text, /Glossary:/, a.text);
  });

  it('reads two question words joined by "and" ("how n when…") as one question asking both', () => {
    assert.equal(splitParts('how and when does HfL decide which RAYG colour a school gets?').length, 1);
    const asked = analyse(kb, 'how n when does HfL decide which RAYG colour a school gets?');
    assert.ok(asked.process);
    assert.ok(asked.wants?.includes('date'));
  });

  it('reads a condition and the bare question after it ("if …, what happens next?") as one question about the condition', () => {
    assert.equal(splitParts('If HCC sends a school a letter of concern, what happens next?').length, 1);
    const a = ask('If HCC sends a school a letter of concern, what happens next?');
    assert.match(a.text, /action plan/);
    // (A question after the condition that names its own subject is a question of its own.)
    assert.equal(splitParts('once a school has improved, how does it get its powers back after hcc intervened?').length, 2);
  });

  it('reads "and is …" with its subject after it as a second, yes/no question, and a tag ("…, is that right?") as none', () => {
    assert.deepEqual(
      splitParts("How many schools had done Hertfordshire STEPS training by 2015, and is STEPS still the council's approach in the 2023 paper?"),
      ['How many schools had done Hertfordshire STEPS training by 2015', "is STEPS still the council's approach in the 2023 paper?"],
    );
    assert.equal(splitParts('i heard the online autism survey got loads of replies, is that right?').length, 1);
    assert.equal(splitParts('which schools are struggling and are getting support?').length, 1);
  });

  it('reads a passage split in two only for its length as one: its sentences in document order, cited once', () => {
    // Paragraphs 29-32 of the 2021 strategy are one passage under one heading, stored as two sections.
    const a = ask('whats the process for a letter of concern?');
    const issued = a.text.indexOf('Where schools are deemed underperforming');
    const engaged = a.text.indexOf('Where a letter of concern has been issued');
    assert.ok(issued >= 0 && engaged > issued, a.text);
    assert.equal(a.citations.length, 1);
  });

  it('splits at "and" as typed in chat ("n", a spaced "+"), not at the "+" of SE+', () => {
    assert.deepEqual(splitParts('who leads spld n how much goes on primary outreach atm'), [
      'who leads spld',
      'how much goes on primary outreach atm',
    ]);
    assert.deepEqual(splitParts('slcn workstream lead + when does it kick off'), ['slcn workstream lead', 'when does it kick off']);
    assert.equal(splitParts('in SE+ what were the quadrant school effectiveness boards for?').length, 1);
  });

  it('places a list item shown without its lead-in by that lead-in when no heading is over it', () => {
    const a = ask('what was the set up for schools causing concern back in SE+ 2004');
    assert.match(a.text, /contribute to School Effectiveness Plus: Strategy to tackle schools causing concern/);
    assert.doesNotMatch(a.text, /: : /);
  });

  it('reads a later part of a message as about what the message is about, when it names no other subject', () => {
    const a = ask("who runs the dspl area groups workstream and what's going to the send exec in jan?");
    assert.match(a.text, /communication strategy/);
    assert.ok(
      a.citations.every((c) => /DSPL Area Groups/.test(c.section)),
      a.citations.map((c) => c.section).join(' | '),
    );
  });

  it('never shows list items after a sentence other than their lead-in: the lead-in comes with them', () => {
    const a = ask('whats a warning notice in the 2021 strategy');
    const lines = a.text.split('\n');
    lines.forEach((line, i) => {
      if (!line.startsWith('- ') || i === 0) return;
      const before = lines[i - 1] ?? '';
      assert.ok(before.startsWith('- ') || /:( \[\d+\])?$/.test(before), `${before}\n${line}`);
    });
  });

  it('searches further down before declining for want of the kind of fact asked for', () => {
    // The DSPL workstream's own pages fill the first passages found, and none of them counts the groups.
    const a = ask('How many DSPL groups are there?');
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /nine DSPL groups/);
  });

  it('weighs an everyday word the papers never use by its dictionary form: "worries" is as ordinary as "worry"', () => {
    assert.equal(ask('can families first help parents with money worries').kind, 'answer');
    assert.equal(ask('can families first help parents with restaurant reservations').kind, 'decline');
  });

  it('answers both things a terse question asks of one subject ("autism workstream - lead and next milestone?")', () => {
    const a = ask('autism workstream - lead and next milestone?');
    assert.match(a.text, /John Short/);
    assert.match(a.text, /milestones/);
  });

  it('gives an item of a short counted list with the rest ("three core strategic functions")', () => {
    const a = ask('What is expected of school governors in the 2021-2026 strategy?');
    assert.match(a.text, /three core strategic functions/);
    for (const fn of [/vision, ethos/, /to account/, /value for money/]) assert.match(a.text, fn);
  });

  it('tells every step of a long process, each list in part and marked so, rather than stopping at the first list that does not fit', () => {
    const a = ask("How does the letter of concern process work from HCC's side?");
    // When a letter is sent, what it sets out (the action plan), and what the school must then do.
    assert.match(a.text, /circumstances under which a letter of concern may be issued/);
    assert.match(a.text, /action plan/);
    assert.match(a.text, /expected to engage in the process/);
    // Both lists given in part say so where they stop.
    assert.equal(a.text.match(/^- …$/gm)?.length, 2, a.text);
  });

  it('reads a slip for a question word after the preposition a question opens with ("in wat situations…")', () => {
    const a = ask('in wat situations might HCC send a school a letter of concern');
    assert.match(a.text, /circumstances under which a letter of concern may be issued/);
    assert.match(a.text, /safeguarding/);
  });

  it('reads "have" with no participle after it as the verb, not as asking what has happened so far', () => {
    assert.equal(analyse(kb, 'what role do DSPL groups have in Each and Every Child?').perfect, false);
    assert.equal(analyse(kb, 'where had the refreshed Behaviour Strategy got to?').perfect, true);
    assert.equal(analyse(kb, 'what has the autism workstream done so far?').perfect, true);
    // …so the item that says what the groups will do is not set aside as a plan.
    const a = ask(
      'What was planned for the DSPL area groups in the SEND workstreams paper, and what role do DSPL groups have in Each and Every Child?',
    );
    assert.match(a.text, /nine DSPL groups/);
  });

  it('gives the best sentence of a passage even when the one it leans on leaves no room for both', () => {
    // "It also highlighted that excluded children are often the most vulnerable…" follows a long sentence on the IPPR report.
    const a = ask(
      'What does Each and Every Child say about how vulnerable excluded children are, and what do ESCs provide according to the school improvement strategy?',
    );
    assert.match(a.text, /four times more likely/);
    assert.match(a.text, /ESCs provide/);
    // …and the sentence it leans on ("It also…") with it, in the room a list would have.
    assert.match(a.text, /Institute for Public Policy Research[^\n]*It also highlighted/);
  });

  it('answers "how many people" with a count of persons of any kind ("up to 80 participants")', () => {
    const a = ask('how many people can go on the hfl / independent thinking leadership programme');
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /80 participants/);
    // (Not a count of things: "how many people…" of a passage that counts only days is still declined for want of it.)
    assert.equal(ask('how many people go to the difference inclusive leadership course').kind, 'decline');
  });

  it('answers "which <kind>" with a passage that names one, the kind capitalised in its title', () => {
    assert.deepEqual(analyse(kb, 'which SEND strategy does the 2021 school improvement doc point to?').answerType, ['strategi']);
    const a = ask('which SEND strategy does the 2021 school improvement doc point to?');
    assert.match(a.text, /Five Year Strategy April 2018 to March 2023/);
  });

  it('reads an opening word one letter from a three-letter question word as that word ("hw many…")', () => {
    const a = analyse(kb, 'hw many lessons are in the when the adults change course');
    assert.equal(a.wh, 'how');
    assert.ok(a.wants?.includes('number'));
    // (Not an English word that is one: "we", "hi".)
    assert.notEqual(analyse(kb, 'we need the autism lead').wh, 'who');
  });

  it('reads "the latest on X" as framing X, and asks a follow-up that only asks what is done of that subject', () => {
    const first = ask("what's the latest on the special schools workstream?");
    assert.equal(analyse(kb, "what's the latest on the special schools workstream?").subject, 'special schools workstream');
    // ("run" is in no passage about the workstream; "…to ensure schools run well" is about governors.)
    assert.match(ask("who's running that one?", first.context).text, /^The Special Schools workstream is led by Jennie Newman/);
  });

  it('answers a follow-up asking only what is done of the thing the last question named, not of what it asked of it', () => {
    const first = ask('How much is the council putting into speech therapy under the speech, language and communication needs workstream?');
    assert.match(first.text, /£1\.7m/);
    // ("council" and "therapy" were what the first question asked of the workstream: the status line naming therapy is not who leads it.)
    assert.match(
      ask("who's leading that one?", first.context).text,
      /^The Speech, Language and Communication Needs \(SLCN\) workstream is led by Helen Booth/,
    );
    // (Words that named a document are not a thing named: "that workstream" after "…according to the SEND workstreams
    // paper?" is still the one the question was about.)
    const paper = ask('How much Dedicated Schools funding goes on speech therapy according to the SEND workstreams paper?');
    assert.match(ask("when's that workstream meant to kick off, and who's leading it?", paper.context).text, /commence in January/);
  });

  it('finds a phrase the headings above a passage name only within one heading, not across a heading and the title', () => {
    // "HfL" is "Herts for Learning": not "Learning Offer 2023 - 24" under "…Each and Every Child in Hertfordshire".
    const text = ask("hfl - what's their role in the school improvement strategy vs in the each n every child approach?").text;
    assert.match(text, /main school improvement provider, HfL/);
    assert.doesNotMatch(text, /three core principles/);
  });

  it('counts a word found only in a heading above a unit for less when the word it qualifies in the question is in the unit', () => {
    // "learning communities": not "…in their local communities" under "Learning Offer 2023 - 24".
    const a = ask('what does the each and every child paper say about learning communities?');
    assert.match(a.text, /create learning communities that embrace inclusive/, a.text);
    assert.doesNotMatch(a.text.split('\n')[0] ?? '', /Drawbridge/);
  });

  it("answers who is in charge of a workstream's work with its lead when the passage about the work names no one", () => {
    assert.match(ask("Who's in charge of refreshing the behaviour strategy and how far has it got?").text, /led by Martin Smith/);
    assert.match(ask("who's running the SpLD workstream and how much currently goes on primary SpLD outreach?").text, /led by Anne Powell Davies/);
    // "Tell me about…" a workstream asks nothing in particular: where it stands, and who leads it.
    const about = ask('Tell me about the SLCN workstream.').text;
    assert.match(about, /commence in January/);
    assert.match(about, /led by Helen Booth/);
    // (Not for a kind of person the papers do not name: the reviewer is not the lead.)
    const reviewer = ask('Who is the independent reviewer carrying out the Exceptional Needs Funding review?').text;
    assert.doesNotMatch(reviewer, /is led by/);
  });

  it('answers "whose…?" with the unit that names someone as the owner of the thing asked about', () => {
    const first = ask("Who's leading the autism workstream?");
    // Not "Respond to the review of educational provision…", which says what the review is about, not whose it is.
    assert.match(ask('and whose review was it responding to?', first.context).text, /Dr Glenys Jones’ independent review/);
  });

  it('answers a question for the parts of a section it names by its heading with the headings under it', () => {
    const a = ask('Which providers are in the 2023-24 learning offer?');
    for (const provider of ['When The Adults Change', 'HFL and Independent Thinking', 'The Difference', 'Drawbridge'])
      assert.match(a.text, new RegExp(provider), a.text);
    assert.equal(new Set(a.citations.map((c) => c.section)).size, 4);
    // (Not a section the question names only in part: "who was meant to support and challenge schools…" is not asking for
    // the parts of "Support and challenge for maintained schools causing concern"; nor a workstream's record.)
    assert.doesNotMatch(
      ask('back in 2004 who was meant to support and challenge schools, and who does that now under the 2021-26 strategy?').text,
      /› Action groups:/,
    );
    assert.doesNotMatch(ask('who are the people on the autism workstream?').text, /Summary of Current Position:/);
  });

  it('reads a later part of a message with a word or two of its own as asking of the message subject', () => {
    const q = 'How does a letter of concern work - what does HCC do before sending one and what does the school then have to produce?';
    assert.equal(analyse(kb, 'what does the school then have to produce?', { subject: 'letter concern' }, true).elliptical, true);
    assert.match(ask(q).text, /action plan should be produced/);
    // (Not one that names something of its own: Westminster is asked about, not St Albans again.)
    assert.match(ask('how many anglican schools does st albans diocese look after, and how many does westminster support?').text, /\b208\b/);
  });

  it('counts every noun joined by "and" that "how many" asks about', () => {
    const q = 'How many heads and parents came to the autism feedback sessions?';
    assert.deepEqual(analyse(kb, q).counted, ['head', 'parent']);
    assert.match(ask(q).text, /134 headteachers and parents/);
  });

  it('finds a word for money in general where a sum is stated', () => {
    assert.match(ask('What has changed with the money for outreach from special schools?').text, /£310k budget/);
  });

  it('does not ask what a contrast sets aside', () => {
    const q = "What does HCC do when it's worried about an academy rather than a maintained school?";
    assert.deepEqual(
      analyse(kb, q)
        .terms.filter((t) => t.origin === 'question')
        .map((t) => t.word),
      ['hcc', 'academy'],
    );
    assert.match(ask(q).text, /Regional Schools Commissioner/);
  });

  it('reads a clause opened by "when" as a circumstance whose consequences are asked, however the tagger read "when"', () => {
    const q = 'What does the local authority have to do when Ofsted puts one of our schools in special measures or serious weaknesses?';
    assert.equal(analyse(kb, q).process, true);
    // The statement of action, and then who it is prepared with.
    assert.match(ask(q).text, /statement of action within ten days[^\n]*\. The statement is prepared in consultation with the head teacher/);
    // (A state with no verb is not a circumstance: "once its eligible for intervention" asks what powers there are.)
    assert.equal(analyse(kb, 'what powers can the council actually use on a maintained school once its eligible for intervention').process, false);
  });

  it('does not answer from a table of contents, whose items only name the sections that tell', () => {
    const a = ask('What formal intervention powers can the county council use on a maintained school that has ignored a warning notice?');
    assert.doesNotMatch(a.text, /Appendix A sets out the following information/);
    assert.match(a.text, /Interim Executive Board/);
  });

  it('answers "who…?" with the lead-in of a list item that names no one, which says whose list it is', () => {
    assert.match(ask('who sorts out managed moves n fair access').text, /^The Inclusion Team is responsible for: \[1\]\n- all admissions/);
  });

  it('asks each document named in the words it writes, when it never writes the one asked ("Covid" → "the pandemic")', () => {
    const a = ask('How does the 2021 strategy handle Covid compared with the Each and Every Child paper?');
    assert.match(a.text, /In the Each and Every Child paper \(2023\):[^\n]*the impact of the pandemic continues\. We remain in the 'recovery phase'/);
  });

  it('marks a list as cut short only where some of its items are left out', () => {
    const a = ask('How does a letter of concern work?');
    // All five circumstances are given: no "…" after the last.
    assert.match(a.text, /- e\. Complaints received by HCC[^\n]*\nThe letter of concern will outline:/);
    // (What the action plan must show is left out, and marked so.)
    assert.match(a.text, /The plan will need to show:\n- …/);
  });

  it('reads a noun naming a part of something, with no "of" saying of what, as pointing back to the last subject', () => {
    const first = ask('What four elements did the CSF development model in the 2004 strategy bring together?');
    assert.match(ask('what is the vulnerable children part based on?', first.context).text, /Vulnerable Children - the Hardiker Index/);
  });

  it('counts every noun of the phrase after "how many", past an "of" inside it', () => {
    assert.match(ask('how many c of e schools does st albans diocese look after').text, /\b138 Anglican church schools/);
  });

  it('names a document by an alias typed in the singular or plural ("the workstream update" for "workstreams update")', () => {
    const q = 'How far had Herts Steps been rolled out by the 2015 workstream update?';
    assert.deepEqual(analyse(kb, q).documents, ['send-strategy-workstreams-progress']);
    assert.match(ask(q).text, /160 schools/);
  });

  it('asks a follow-up of another document in the words it writes, when it never writes the subject borrowed', () => {
    const first = ask('does the 2021 strategy say anything about COVID?');
    const a = ask('and what about the Each and Every Child paper?', first.context);
    assert.equal(a.kind, 'answer');
    assert.match(a.text, /pandemic/);
    assert.match(a.citations[0]?.title ?? '', /Each and Every Child/);
  });

  it('asks of each document named what its own clause asks, clauses joined by "and" included', () => {
    const ofDoc = (q: string, word: string): string | undefined => analyse(kb, q).terms.find((t) => t.word === word)?.document;
    const q = 'SE+ was built around the five Children Bill outcomes and the 2023 paper has five key priorities - what are they in each?';
    assert.equal(ofDoc(q, 'bill'), 'school-effectiveness-plus-2004');
    assert.equal(ofDoc(q, 'priorities'), 'each-and-every-child-2023');
    assert.match(ask(q).text, /Staying safe/);
    // (Two subjects of one verb are one clause.)
    const one = 'What national or international frameworks do the 2004 SE+ strategy and the 2023 Each and Every Child paper link their aims to?';
    assert.equal(ofDoc(one, 'frameworks'), undefined);
  });

  it('does not take a verb only one document writes for a naming of that document', () => {
    const first = ask('Who wrote the foreword to the 2021-2026 school improvement strategy?');
    // ("issued" is written often by the 2021 strategy alone.)
    assert.deepEqual(analyse(kb, 'and what about the 2004 one - who issued that?', first.context).documents, ['school-effectiveness-plus-2004']);
  });

  it('spells out each of two acronyms a question asks about together', () => {
    const a = ask('wat does RAYG stand for lol, and KTS?');
    assert.match(a.text, /RAYG rating stands for red, amber, yellow, green rating/);
    assert.match(a.text, /Keys to Success/);
    // (Not a verb that spells initials: "sat".)
    assert.doesNotMatch(ask('Who sat on the SSEB under SE+?').text, /SAT stands for/);
  });

  it('reads an unknown word between a noun and an article as the verb joining them, not a subject the papers lack', () => {
    // "flags" (the tagger's noun) is how the question puts it: HfL rating a school amber is in the papers.
    const a = analyse(kb, 'so hfl flags a school amber - what actually happens first');
    assert.deepEqual(a.unknownWords, []);
    assert.equal(ask('so hfl flags a school amber - what actually happens first').kind, 'answer');
  });
});
