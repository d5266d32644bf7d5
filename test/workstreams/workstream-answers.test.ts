/**
 * Registry answers as a user meets them: a question in, a short cited answer (or null, so the
 * documents can answer) out, with the conversation context carried from turn to turn.
 */
import assert from 'node:assert/strict';
import type { Answer, AnswerContext } from '../../src/answering/answer-types.js';
import { loadRegistry } from '../../src/workstreams/registry.js';
import { answerFromRegistry } from '../../src/workstreams/workstream-answers.js';

const registry = loadRegistry();

function ask(question: string, context: AnswerContext = {}): Answer {
  const answer = answerFromRegistry(registry, question, context);
  assert.ok(answer, `expected a registry answer to "${question}"`);
  return answer;
}

/** Asks in turn, each question with the context the previous answer left. */
function conversation(...questions: string[]): Answer[] {
  const answers: Answer[] = [];
  let context: AnswerContext = {};
  for (const q of questions) {
    const a = ask(q, context);
    answers.push(a);
    context = a.context;
  }
  return answers;
}

describe('registry answers: who leads', () => {
  it('names an organisation lead: the SEND Business Group leads the DSPL Area Groups', () => {
    assert.match(ask('Who leads the DSPL Area Groups workstream?').text, /SEND Business Group/);
  });

  it('names the lead of Sensory and Physical Needs with their role', () => {
    const { text } = ask('Who leads Sensory and Physical Needs?');
    assert.match(text, /Donald Allan/);
    assert.match(text, /Senior Advisory Teacher, Sensory and Physical Needs/);
  });

  it('understands a misspelt workstream name', () => {
    assert.match(ask('Who leads behavour and alternative provison?').text, /Martin Smith/);
  });

  it('understands acronyms and short names', () => {
    assert.match(ask('Who leads SpLD?').text, /Anne Powell Davies/);
    assert.match(ask('who is the lead for EP services').text, /Ann Ricketts/);
    assert.match(ask('Who is on SLCN?').text, /Christine deGraft-Hansen/);
  });
});

describe('registry answers: who is on a workstream', () => {
  it('a member category with an event is about what those people did, not who sits on the workstream', () => {
    const answer = ask('How many headteachers and parents attended the autism feedback sessions?');
    assert.match(answer.text, /134 headteachers and parents attended feedback sessions/);
    assert.doesNotMatch(answer.text, /Leise Cooper/);
  });

  it('a member category with words no bullet holds is left to the documents', () => {
    assert.equal(answerFromRegistry(registry, 'How many parents wrote complaints about the autism panel meetings?', {}), null);
  });

  it('lists everyone on Autism, including those continued on the next page', () => {
    const { text } = ask('Who is on the autism workstream?');
    for (const name of ['John Short', 'Helen Booth', 'Sally Glossop', 'Trevor Orchard', 'Louise Barrell']) assert.match(text, new RegExp(name));
  });

  it('filters by category: the only secondary head on Exceptional Needs Funding is Tony Fitzpatrick', () => {
    const { text } = ask('Which secondary heads are on ENF?');
    assert.match(text, /Tony Fitzpatrick/);
    assert.doesNotMatch(text, /Alisdair Skinner|Jill Langham/);
  });

  it('tells EPs from other professionals on Autism', () => {
    const { text } = ask('Which EPs are on the autism workstream?');
    assert.match(text, /Joanne Summers/);
    assert.doesNotMatch(text, /Sally Glossop|Helen Booth/);
  });

  it('reads "parent reps" as parents', () => {
    assert.match(ask('Who are the parent reps on SpLD?').text, /Carol Kelsey/);
  });

  it('says when a parent seat is still to be confirmed', () => {
    assert.match(ask('Which parents are on the exceptional needs funding workstream?').text, /to be confirmed/);
  });

  it('counts special school heads on Behaviour and Alternative Provision without mistaking them for the Special Schools workstream', () => {
    const answer = ask('Which special school heads are on the behaviour workstream?');
    assert.match(answer.text, /Anne Spencer/);
    assert.match(answer.text, /Sean Trimble/);
    assert.equal(answer.context.workstream, 'behaviour-and-alternative-provision');
  });
});

describe('registry answers: people', () => {
  it("gives Ann Ricketts' role and the workstream she leads", () => {
    const { text } = ask("What is Ann Ricketts' role?");
    assert.match(text, /Principal Educational Psychologist/);
    assert.match(text, /Educational Psychology Services/);
  });

  it("gives Sally Glossop's role", () => {
    assert.match(ask("What is Sally Glossop's role?").text, /Professional Lead for Communication and Autism/);
  });

  it('lists every workstream Helen Booth is on, with her role in each', () => {
    const { text } = ask('Which workstreams is Helen Booth involved in?');
    assert.match(text, /Autism — representative, ISL County Lead for Complex Needs/);
    assert.match(text, /Speech, Language and Communication Needs — lead, County Lead for Complex Needs/);
  });

  it('lists the three workstreams Carol Kelsey is on as a parent', () => {
    const { text } = ask('Which workstreams is Carol Kelsey on?');
    for (const name of ['Quality SEND Offer', 'Specific Learning Difficulties', 'Educational Psychology Services']) assert.match(text, new RegExp(name));
    assert.doesNotMatch(text, /Autism/);
  });

  it('finds a person from a misspelt name or a first name alone', () => {
    assert.match(ask('what workstreams is Hellen Boothe on').text, /Helen Booth/);
    assert.match(ask('Which workstream is Sally on?').text, /Sally Glossop/);
  });

  it('answers whether someone is on a workstream, and where else they sit', () => {
    const { text } = ask('Is Leise Cooper on the autism workstream?');
    assert.match(text, /Leise Cooper is on the Autism workstream as Parent/);
    assert.match(text, /Special Schools/);
  });

  it('separates the workstreams a person leads from those they only sit on', () => {
    const { text } = ask('Which workstreams does Jennie Newman lead?');
    assert.match(text, /leads Exceptional Needs Funding .* and Special Schools/);
    assert.match(text, /representative on Educational Psychology Services \(Head of SEN\)/);
  });

  it('lists everyone who shares a first name rather than guessing', () => {
    const { text } = ask('Who is Sue?');
    assert.match(text, /Sue Howe/);
    assert.match(text, /Sue Dury/);
  });
});

describe('registry answers: what a workstream does and where it stands', () => {
  it('lists what the autism workstream will do', () => {
    assert.match(ask('What will the autism workstream do?').text, /Develop an Autism Strategy and a clear local offer of services/);
  });

  it('lists the SpLD outcomes', () => {
    const answer = ask('What outcomes is the specific learning difficulties workstream aiming for?');
    assert.match(answer.text, /value for money with the available resources/);
    assert.match(answer.citations[0]!.section, /Outcomes$/);
  });

  it('reports where Exceptional Needs Funding stands', () => {
    const answer = ask('Where does the exceptional needs funding workstream stand?');
    assert.match(answer.text, /independent review started in October/);
    assert.match(answer.citations[0]!.section, /Summary of Current Position$/);
  });

  it('answers a detail from the lists: the pilot the behaviour workstream learns from', () => {
    assert.match(ask('Which pilot is the behaviour workstream learning from?').text, /North Herts Alternative Solutions pilot/);
  });
});

describe('registry answers: milestones', () => {
  it('says the first phase of the Quality SEND Offer is due by February 2016', () => {
    const { text } = ask('By when should the first phase of the Quality SEND Offer work be completed?');
    assert.match(text, /first phase/);
    assert.match(text, /February 2016/);
  });

  it('resolves "by February half term" for the ENF findings', () => {
    const { text } = ask('When will the ENF findings be reported?');
    assert.match(text, /February half term/);
    assert.match(text, /12 February 2016/);
  });

  it('says so when the paper gives a workstream no dated milestone', () => {
    assert.match(ask("What is the autism workstream's next milestone?").text, /no dated milestone/);
  });
});

describe('registry answers: overview', () => {
  it('lists all ten workstreams with their leads', () => {
    const { text } = ask('Give me an overview of the SEND workstreams');
    for (const ws of registry.workstreams) assert.ok(text.includes(ws.name), ws.name);
    for (const lead of ['David Killgallon', 'Ann Ricketts', 'SEND Business Group']) assert.match(text, new RegExp(lead));
  });
});

describe('registry answers: follow-ups', () => {
  it('answers "which parents are on it?" and "who else?" about the workstream just discussed', () => {
    const [lead, parents, others, next] = conversation(
      'Who leads the special schools workstream?',
      'Which parents are on it?',
      'who else is on it?',
      "what's its next milestone?",
    );
    assert.match(lead!.text, /Jennie Newman/);
    assert.equal(lead!.context.workstream, 'special-schools');
    assert.match(parents!.text, /Leise Cooper/);
    assert.match(others!.text, /Paul Johnson/);
    assert.doesNotMatch(others!.text, /Jennie Newman|Leise Cooper/);
    assert.match(next!.text, /School Forum/);
    assert.match(next!.text, /January 2016/);
  });

  it('remembers the person: "what is her role?" after asking about Helen Booth', () => {
    const [first, role] = conversation('Which workstreams is Helen Booth on?', 'What is her role?');
    assert.equal(first!.context.person, 'Helen Booth');
    assert.match(role!.text, /County Lead for Complex Needs/);
  });

  it('moves to the workstream of a person who sits on only one: "who else is on it?" after Ann Ricketts', () => {
    const [, others] = conversation("What is Ann Ricketts' role?", 'who else is on it?');
    assert.equal(others!.context.workstream, 'educational-psychology-services');
    assert.match(others!.text, /Rachel Mitchell/);
    assert.doesNotMatch(others!.text, /Ann Ricketts/);
  });

  it('does not stretch context to a question about something else', () => {
    const context = ask('Who leads the autism workstream?').context;
    assert.equal(answerFromRegistry(registry, 'What is the timeline for the school improvement strategy?', context), null);
  });
});

describe('registry answers: leaving other questions to the documents', () => {
  for (const question of [
    'What is the Great School Framework?',
    'best restaurant in St Albans',
    'What does the 2023 paper say about autism?',
    'Who is responsible for school improvement in Hertfordshire?',
    'What is the DSPL?',
    'How many schools have received Hertfordshire Steps training?',
  ]) {
    it(`returns null for "${question}"`, () => {
      assert.equal(answerFromRegistry(registry, question, {}), null);
    });
  }
});

describe('registry answers: shape', () => {
  const questions = [
    'Who leads the DSPL Area Groups workstream?',
    'Who is on the behaviour and alternative provision workstream?',
    'Which workstreams is Helen Booth involved in?',
    'Give me an overview of the SEND workstreams',
    'What are the outcomes for EP services?',
    'Where does the behaviour workstream stand?',
    'Tell me about the SLCN workstream',
  ];
  for (const question of questions) {
    it(`cites the progress paper once, briefly, for "${question}"`, () => {
      const answer = ask(question);
      assert.equal(answer.kind, 'answer');
      assert.ok(answer.text.length <= 900, `${answer.text.length} characters`);
      assert.match(answer.text, /\[1\]/);
      assert.equal(answer.citations.length, 1);
      const [citation] = answer.citations;
      assert.equal(citation!.docId, 'send-strategy-workstreams-progress');
      assert.equal(citation!.title, 'Progress on SEND Strategy and Workstreams (SEND Executive, January 2016)');
      assert.ok(citation!.abstract.length > 0 && citation!.abstract.length <= 160);
      assert.match(`${answer.text} ${citation!.section}`, /workstream|SEND/);
      assert.equal(answer.context.lastQuestion, question);
    });
  }
});
