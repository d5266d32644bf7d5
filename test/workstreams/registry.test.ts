/**
 * The curated registry (data/workstreams.json) against the paper itself. EXPECTED is transcribed by
 * reading data/docs/send-strategy-workstreams-progress.txt row by row, including the rows that run on to
 * pages 2 and 3; where the extraction lost bullet markers, a sentence that refers back ("This…",
 * "Again…", "For example…", "Currently…") is kept with the sentence before it. A hand edit of the data
 * that drifts from the paper fails here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRegistry, type WorkstreamRegistry } from '../../src/workstreams/registry';
import type { Member, Workstream } from '../../src/workstreams/registry-schema';

const SOURCE = 'data/docs/send-strategy-workstreams-progress.txt';
const text = readFileSync(SOURCE, 'utf8');

type Seat = [name: string, role: string, flag?: 'sub' | 'tbc'];
interface Expected {
  name: string;
  slug: string;
  lead: [name: string, role: string] | { organisation: string };
  representatives: Seat[];
  actions: string[];
  outcomes: string[];
  position: string[];
  /** [due, dueText] */
  milestones: [string, string][];
}

const EXPECTED: Expected[] = [
  {
    name: 'Quality SEND Offer',
    slug: 'quality-send-offer',
    lead: ['David Killgallon', 'Herts for Learning'],
    representatives: [
      ['Scott Martin', 'Secondary Head'],
      ['Sue Howe', 'Secondary Head'],
      ['Armit Bal-Richards', 'Primary Head'],
      ['Bernadette Holmes', 'Primary Head'],
      ['Leise Cooper', 'Parent'],
      ['Carol Kelsey', 'Parent'],
    ],
    actions: [
      'To develop and publish a core quality offer expected from all schools, early years settings and colleges',
      'To develop, pilot and implement an evaluation framework at individual setting, DSPL Area and County level',
    ],
    outcomes: [
      'A clear core offer from all schools, early years settings and colleges enables all stakeholders to have a common understanding of the entitlement for every child and young person with SEND',
      'Children and young people with SEND and their parents experience a more consistent and positive response from schools/early years settings/colleges wherever they live in Hertfordshire',
    ],
    position: [
      'Workstream brief has been agreed by the SEND Executive',
      'A more detailed action plan is now being developed',
      'Three elements of work have been identified suggesting a phased approach to development, pilot and implementation between now and September 2016 with the first phase being completed by February',
      'A working group has been established and met in December',
    ],
    milestones: [
      ['2016-02-29', 'by February'],
      ['2016-09-30', 'between now and September 2016'],
    ],
  },
  {
    name: 'Exceptional Needs Funding',
    slug: 'exceptional-needs-funding',
    lead: ['Jennie Newman', 'County Lead for SEN'],
    representatives: [
      ['Alisdair Skinner', 'Primary Head'],
      ['Jill Langham', 'Primary Head'],
      ['Jane Carson', 'Primary Head'],
      ['Sharon Swinson', 'Primary Head'],
      ['Lee-Ann Britten', 'Primary Head', 'sub'],
      ['Rebecca Collins', 'Primary', 'sub'],
      ['John Grubb', 'Primary support'],
      ['Tony Fitzpatrick', 'Secondary Head'],
      ['tbc', 'Parent', 'tbc'],
    ],
    actions: [
      'Review Hertfordshire’s approach to meeting the needs of the most complex and exceptional needs children in mainstream schools',
      'Determine whether the existing arrangements are fit for purpose and make any necessary recommendations for change or alternative approaches',
    ],
    outcomes: ['The needs of the most complex and exceptional needs children in mainstream schools are met efficiently, equitably and effectively.'],
    position: [
      'Workstream brief has been agreed by the SEND Executive',
      'An independent review started in October and is well underway',
      'The reviewer has met with parents, headteachers, SENCOs and officers and further meetings are taking place in January/February',
      'He has observed decision making panels and analysed data and financial information',
      'The findings and recommendations will be reported by February half term',
    ],
    milestones: [
      ['2016-02-12', 'by February half term'],
      ['2016-02-29', 'in January/February'],
    ],
  },
  {
    name: 'Behaviour and Alternative Provision',
    slug: 'behaviour-and-alternative-provision',
    lead: ['Martin Smith', 'County Lead for Behaviour and Alternative Provision'],
    representatives: [
      ['Jenny Morley', 'Primary Head'],
      ['Tracy Prickett', 'Primary Head'],
      ['Wendy Hayes', 'Primary Head'],
      ['Lee-Ann Britten', 'Primary Head', 'sub'],
      ['Emma Devally', 'Primary Head', 'sub'],
      ['Leise Cooper', 'Parent'],
      ['Tim Body', 'Secondary Head'],
      ['Scott Martin', 'Secondary Head'],
      ['Tony Fitzpatrick', 'Secondary Head'],
      ['Sue Howe', 'ESC Head'],
      ['Anne Spencer', 'Special School Head'],
      ['Sean Trimble', 'Special School Head'],
      ['David Allen', 'ESC Head'],
      ['Raine Simcox', 'Parent'],
      ['Sara Lalis', 'ESC Head'],
    ],
    actions: [
      'Review and publish a refreshed strategy for Behaviour and Alternative Provision in Hertfordshire',
      'Continue to review existing provision for behaviour and alternative provision across all phases and implement changes to ensure local services meet the needs of children and young people',
      'Continue to roll out a consistent behaviour management approach to mainstream primary and secondary schools, special schools, early years settings, colleges and families through Hertfordshire Steps',
      'Ensure a flexible and co-ordinated continuum of provision is in place in each area to support children and young people with the most significant and complex behavioural needs, learning from the North Herts Alternative Solutions pilot',
    ],
    outcomes: [
      'An effective Behaviour Strategy is in place and communicated to all stakeholders.',
      'Feedback indicates schools, settings, parents and other stakeholders are aware of and in broad agreement with the strategy, the key priorities and intended outcomes.',
      'Each DSPL Area has effective behaviour support and alternative provision.in place. This has been planned and commissioned by local stakeholders working in partnership.',
      'Outcomes for children and young people are improved and provision is value for money.',
      'Early intervention and inclusion are strengthened and fewer children require high cost specialist provision.',
      'All schools, early years settings and colleges are able to access Hertfordshire Steps.',
      'Evaluation shows that effective implementation of the training increases recipients’ skills, confidence and understanding of managing behaviour.',
      'A continuum of provision is in place in each Area to support children and young people with the most significant and complex behavioural needs to improve outcomes.',
      'Children and young people have their needs met in their local area.',
    ],
    position: [
      'Much of this work is already underway and an update of planned activity was discussed at the SEND Executive in July',
      'The workstream aims to provide an overview of all the elements of existing and new work in this area and a brief summarising activity against the four outcomes was presented to the SEND Executive for agreement in December',
      'An initial draft of a refreshed Behaviour Strategy was shared with a stakeholder working group before the end of the Autumn term',
      'There are a number of developments and improvements to local behaviour services that have been established or are underway, some involving formal consultation and decision making processes where existing provisions are being decommissioned and services being re-designed such as primary behaviour support services in North Herts, Watford and 3 Rivers and East Herts.',
      'Hertfordshire Steps, an intervention approach for behaviour, is being rolled out. As at October 2015 160 schools and 29 early years settings have received training.',
      'Evaluations of the training are very good and demand is high. Training has also been delivered to children’s homes and colleges.',
    ],
    milestones: [],
  },
  {
    name: 'Autism',
    slug: 'autism',
    lead: ['John Short', 'Keeping Children in Local Provision Manager'],
    representatives: [
      ['Helen Booth', 'ISL County Lead for Complex Needs'],
      ['Richard Haynes', 'Primary Head'],
      ['Joanne Summers', 'EP'],
      ['Sally Glossop', 'Professional Lead for Communication and Autism'],
      ['Leise Cooper', 'Parent'],
      ['Trevor Orchard', 'PRU Head'],
      ['Louise Barrell', 'HfL'],
    ],
    actions: [
      'Respond to the review of educational provision for children and young people with autism',
      'Develop an Autism Strategy and a clear local offer of services',
      'Deliver high quality provision and services in each Area to meet the needs of children and young people with autism',
    ],
    outcomes: [
      'An action plan is drawn up in response to the agreed priority recommendations from the review.',
      'An effective Autism Strategy is in place and communicated to all stakeholders.',
      'Feedback indicates schools, early years settings, colleges, parents and other stakeholders are aware of and in broad agreement with the strategy, the key priorities and intended outcomes.',
      'Local schools, early years settings, colleges and services are effective at meeting the needs of all children and young people with autism wherever they live in Hertfordshire.',
      'The outcomes for children and young people with autism are improved.',
    ],
    position: [
      'Dr Glenys Jones’ independent review of educational services for autism in Hertfordshire was published in early September',
      '134 headteachers and parents attended feedback sessions to coincide with the launch and provided constructive ideas/ suggestions for implementing the recommendations.',
      'An electronic survey has been made available on the Herts Parent Carer Involvement website for people to continue to provide feedback. Again the response has been good with approximately 100 responses so far.',
      'A DSPL Newsletter summarising the recommendations has been widely published',
      'A core working group has been established and a detailed action plan is being developed to take the work forward.',
      'The workstream brief was presented at the SEND Executive in December.',
      'Wider stakeholder involvement is planned, including through the DSPL Area Groups',
      'An update has been provided at the All Age Autism Board and links have been made with Health and other agencies in relation to aspects of the workstream',
    ],
    milestones: [],
  },
  {
    name: 'Specific Learning Difficulties',
    slug: 'specific-learning-difficulties',
    lead: ['Anne Powell Davies', 'Assistant Principal Educational Psychologist'],
    representatives: [
      ['Carol Kelsey', 'Parent'],
      ['Richard Haynes', 'Primary Head'],
      ['Raymond McGovern', 'Secondary Head'],
      ['Julie Reddish', 'HCC Commissioner'],
      ['Kerry Scripps', 'DSPL Manager'],
      ['Cherrie Demain', 'DSPL Manager'],
      ['Margot Nichols', 'SENCo'],
      ['Tracey Lockwood', 'SENCo'],
      ['James Roach', 'Primary Head'],
      ['Rob Halls', 'Primary Head'],
      ['Pauline Kirtley', 'Head of Centre'],
      ['Rod Woodhouse', 'DSPL Manager'],
      ['Armit Bal-Richards', 'Primary Head'],
      ['Anna McDowall', 'SEN Officer'],
    ],
    actions: [
      'Respond to the SpLD review and make recommendations for change',
      'Ensure the needs of all children and young people with SpLD are met effectively',
    ],
    outcomes: [
      'An action plan is drawn up in response to the recommendations and options in the review.',
      'Children and young people with SpLD have their needs met in the most effective way ensuring value for money with the available resources',
    ],
    position: [
      'The SpLD review was published in September and the options were considered by the SEND Executive',
      'One proposal is to close the two secondary SpLD bases in mainstream schools in the light of the evidence that they are no longer required provision. This recommendation is being progressed through the required decision making and consultation processes',
      'The SEND Executive considered that further work was needed to draw up an action plan for the future model and funding arrangements for primary SpLD provision. Currently approximately £1.6m funds outreach from 10 primary bases.',
      'The workstream brief for taking forward the actions for secondary and primary SpLD will be presented at the SEND Exec in December',
    ],
    milestones: [['2015-12-31', 'in December']],
  },
  {
    name: 'Speech, Language and Communication Needs',
    slug: 'speech-language-and-communication-needs',
    lead: ['Helen Booth', 'County Lead for Complex Needs'],
    representatives: [
      ['Zoe Phillips', 'Primary Head'],
      ['Cathy Longhurst', 'Primary Head'],
      ['Mary Ann Cooper', 'Primary Head', 'sub'],
      ['Roger Billing', 'Primary Head', 'sub'],
      ['Wendy Berezowy', 'Post 16 rep'],
      ['Christine deGraft-Hansen', 'Special School Head'],
    ],
    actions: [
      'Review the current use of resources for children with speech, language and communication needs (including school based provision in mainstream and special schools, early years settings, colleges, specialist bases and Speech and Language Therapy) and make any necessary recommendations for change',
      'Develop a flexible and co-ordinated continuum of services in each area that meets the needs of children and young people and makes best use of resources.',
    ],
    outcomes: [
      'A clear understanding of the resources available, how these are used and how effectively needs are currently being met',
      'An action plan is drawn up in response to the findings and recommendations of the review.',
      'A continuum of provision for children and young people with speech, language and communication needs is in place that supports early intervention and inclusion.',
      'An integrated collaborative model of services and provision delivers effective provision that is good value for money',
      'Agreed arrangements for the commissioning of speech and language therapy as part of the overall service model',
    ],
    position: [
      'This workstream will commence in January.',
      'A brief has been developed and was presented to the SEND Executive in December',
      'The proposal to include a review of arrangements for commissioning speech and language therapy as part of this workstream was agreed by School Forum in July. Currently the Council allocates £1.7m of Dedicated Schools Funding for speech therapy through a centrally commissioned contract',
      'As the workstream incorporates the review of commissioning arrangements for speech therapy initial discussions have taken place with CCG Commissioners regarding their involvement',
    ],
    milestones: [['2016-01-31', 'in January']],
  },
  {
    name: 'Special Schools',
    slug: 'special-schools',
    lead: ['Jennie Newman', 'County Lead for SEN'],
    representatives: [
      ['Leise Cooper', 'Parent'],
      ['Jeanne Edwards', 'Deputy Head of SEN'],
      ['Paul Johnson', 'Special School Head'],
      ['Lucy Leith', 'Special School Head'],
      ['Merja Paakkonen', 'Special School Head'],
      ['Kerry Harris', 'Special School Head'],
      ['Catherine Smith', 'Special School Head'],
      ['Carly Simmonds', 'Primary Head'],
      ['Jackie Stevenson', 'Primary Head'],
    ],
    actions: [
      'Complete the evaluation of outreach from special schools and make any necessary recommendations for changes in future commissioning and delivery of services',
      'Identify further ways in which special schools can enhance mainstream capacity.',
      'Further develop strategic work across mainstream, special schools and other settings/services to ensure available resources are used effectively, efficiently and creatively.',
      'Review areas of pressure and relative under-use in the special school sector to ensure existing and emerging needs can be met.',
    ],
    outcomes: [
      "Evaluation indicates this support increases mainstream schools' skills to meet a broader range of needs.",
      'More children are supported successfully in mainstream schools.',
      'The service is targeted effectively and input is planned and co-ordinated with other services to maximise impact and resources.',
      'High quality specialist support from special schools enhances capacity in the mainstream sector.',
      'There is a clear and sustainable plan for the role of special schools in meeting existing and emerging needs as part of the local continuum of provision and services.',
      'An analysis of pressures and under-use is completed with recommendations to ensure there are sufficient and appropriate places in special schools to meet needs locally.',
      'Resources are used creatively, including more flexible models of meeting needs across the special and mainstream sector.',
    ],
    position: [
      'Initial meetings have taken place with headteachers and parents to scope the workstream',
      'A workstream brief has been presented to the SEND Executive Board in December',
      'Some activities are already planned or underway. For example a review of outreach services and a redistribution of the £310k budget across DSPL areas took place last year and this is currently being evaluated.',
      'Officers have worked with a special school headteacher working group to determine place numbers in schools for the next financial year.',
      'The formula for determining place numbers indicated a net increase of 52 places in 2016-17, in line with that predicted in the previous year based on demography and usage of places by other local authorities.',
      'In October School Forum agreed the proposed net increase and final funded place numbers in individual schools is being reported to School Forum in January',
      'Arrangements are being made to carry out an exercise to determine the physical capacity in schools so there is an agreed expectation of the numbers schools can adequately and reasonably provide for',
      'The working group involves mainstream schools and parents as well as special schools',
    ],
    milestones: [['2016-01-31', 'in January']],
  },
  {
    name: 'Sensory and Physical Needs',
    slug: 'sensory-and-physical-needs',
    lead: ['Donald Allan', 'Senior Advisory Teacher, Sensory and Physical Needs'],
    representatives: [
      ['Caroline Tristram', 'Primary Head'],
      ['Diane Frainer', 'Primary Head'],
      ['Nathan Taylor', 'Special School Head'],
      ['Beatrice Rosser', 'Post 16 rep'],
    ],
    actions: [
      'Review the services and provision for meeting sensory and physical needs and make any necessary recommendations for change.',
      'Ensure resources are targeted appropriately and are value for money.',
    ],
    outcomes: [
      'A clear understanding of the resources available, how these are used and how effectively needs are being met by current services, including value for money.',
      'An action plan is drawn up in response to the findings and recommendations of the review.',
      'Resources are targeted appropriately, value for money is ensured and improve outcomes for children and young people.',
    ],
    position: [
      'This workstream will commence in January. A brief was presented to the SEND Executive in December.',
      'This work covers PNI, VI and HI. It includes resources provided in mainstream schools, designated mainstream schools for PNI, ENF, specialist support services, bases/units and special schools.',
    ],
    milestones: [['2016-01-31', 'in January']],
  },
  {
    name: 'Educational Psychology Services',
    slug: 'educational-psychology-services',
    lead: ['Ann Ricketts', 'Principal Educational Psychologist'],
    representatives: [
      ['Gary Virtue', 'Primary Head'],
      ['Sue Dury', 'Primary Head'],
      ['Nick Rowlands', 'Primary Head'],
      ['Jackie Andrews', 'Post 16 rep'],
      ['Richard Haynes', 'Primary Head'],
      ['Carol Kelsey', 'Parent'],
      ['Caroline Lingwood', 'Secondary Deputy Head'],
      ['Deepa Thakur', 'Health'],
      ['Joanne Summers', 'EP'],
      ['Rachel Mitchell', 'EP'],
      ['Jennie Newman', 'Head of SEN'],
      ['Laura Ansell', 'Post 16 rep', 'sub'],
    ],
    actions: [
      'Review the provision of ISL EP services. Make any necessary recommendations for change.',
      'Ensure the EP service is targeted to maximise the available resource to meet agreed objectives',
    ],
    outcomes: [
      'The Educational Psychology Service works collaboratively with parents, children and young people, schools, early years settings, colleges and other Local Authority services to maximise the use of resources available.',
      'To produce a prioritised, agreed and understood offer of service delivery taking account of the needs and wishes of all stakeholders.',
      'Children and young people, parents, early years settings, schools, colleges and other Local Authority services access a targeted Educational Psychology Service that provides high quality support on behalf of vulnerable children and young people with high needs.',
      'Services are high quality, targeted effectively and equitably, and are value for money.',
    ],
    position: [
      'A workstream brief has been agreed by the SEND Executive',
      'The working group have met and includes school, college, parent, service and health representation.',
    ],
    milestones: [],
  },
  {
    name: 'DSPL Area Groups',
    slug: 'dspl-area-groups',
    lead: { organisation: 'SEND Business Group' },
    representatives: [
      ['Lesley Spence', 'Primary Head'],
      ['Mandy Ably', 'Primary Head'],
      ['Sue Howe', 'ESC Head'],
      ['Tim Body', 'Secondary Head'],
    ],
    actions: ['Review the DSPL Framework so that there is greater local involvement in implementing the SEND Strategy'],
    outcomes: [
      'Framework and support for Area decision making and commissioning strengthened.',
      'More Area ownership and decisions taken locally on meeting the needs of children and young people',
    ],
    position: [
      'The SEND Business group has commenced this work and a workstream brief has been presented to the SEND Executive in December',
      'Revised TOR and a new framework document have been drafted which will inform the new DSPL Area Group contracts in 2016-17',
      'A meeting with DSPL leads and managers has taken place to seek their views and suggestions about what would assist their work in delivering the strategy locally. These will form the basis of the workstream action plan.',
      'Principles of parental engagement in DSPL and an exemplification model of co-production have been developed by a working group of parents, officers and headteachers. This will be used to evaluate how the principles are put into practice at all levels. This has been presented to the SEND Executive Board in December and will form part of the new framework.',
      'A communication strategy is being developed and will be presented to the SEND Executive in January.',
    ],
    milestones: [['2016-01-31', 'in January']],
  },
];

const seat = ([name, role, flag]: Seat): Member => ({
  name,
  role,
  ...(flag === 'sub' ? { substitute: true as const } : {}),
  ...(flag === 'tbc' ? { toBeConfirmed: true as const } : {}),
});

/** Cell text as a reader sees it: tags, bullet marks and spacing gone. */
const plain = (s: string): string =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/•/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const byName = (registry: WorkstreamRegistry, name: string): Workstream => {
  const ws = registry.workstreams.find((w) => w.name === name);
  assert.ok(ws, `no workstream named ${name}`);
  return ws;
};

describe('the curated workstream registry against its paper', () => {
  const registry = loadRegistry();

  it('finds the ten workstreams of the paper, in order, with hyphenated slugs', () => {
    assert.deepEqual(
      registry.workstreams.map((w) => [w.name, w.slug]),
      EXPECTED.map((e) => [e.name, e.slug]),
    );
  });

  for (const expected of EXPECTED) {
    describe(expected.name, () => {
      it('has the lead written in the paper', () => {
        const ws = byName(registry, expected.name);
        const lead = Array.isArray(expected.lead)
          ? { name: expected.lead[0], role: expected.lead[1] }
          : { name: expected.lead.organisation, organisation: true };
        assert.deepEqual(ws.lead, lead);
      });

      it('has every representative with their role, substitutes and unnamed seats marked', () => {
        assert.deepEqual(byName(registry, expected.name).representatives, expected.representatives.map(seat));
      });

      it('has every bullet of "What will be done", "Outcomes" and "Summary of Current Position"', () => {
        const ws = byName(registry, expected.name);
        assert.deepEqual(ws.actions, expected.actions, 'actions');
        assert.deepEqual(ws.outcomes, expected.outcomes, 'outcomes');
        assert.deepEqual(ws.position, expected.position, 'position');
      });

      it('dates each commitment the paper dates, and nothing already done', () => {
        const ws = byName(registry, expected.name);
        assert.deepEqual(
          ws.milestones.map((m) => [m.due, m.dueText]),
          expected.milestones,
        );
        for (const m of ws.milestones) {
          assert.equal(m.derived, true);
          assert.ok(ws.position.includes(m.source) || ws.actions.includes(m.source), `${m.title}: source is a bullet`);
          assert.ok(m.source.includes(m.dueText), `${m.title}: due text is quoted from its bullet`);
        }
      });
    });
  }

  it('neither invents nor drops text: every list cell reads the same as its bullets joined', () => {
    const lines = text
      .split('\n')
      .filter((l) => l.includes('\t'))
      .slice(1);
    const columns = [2, 3, 4] as const;
    const keys = ['actions', 'outcomes', 'position'] as const;
    let current = '';
    const source = new Map<string, string[]>();
    for (const line of lines) {
      const cells = line.split('\t');
      if (cells[0]!.trim() !== '') current = cells[0]!.trim();
      const parts = source.get(current) ?? ['', '', ''];
      columns.forEach((c, i) => (parts[i] = `${parts[i]} ${cells[c] ?? ''}`));
      source.set(current, parts);
    }
    for (const ws of registry.workstreams) {
      keys.forEach((key, i) => assert.equal(plain(ws[key].join(' ')), plain(source.get(ws.name)![i]!), `${ws.name} ${key}`));
    }
  });

  it('dates the undated paper to January 2016, from the months it speaks of in the past', () => {
    assert.equal(registry.source.date, '2016-01');
    assert.match(registry.source.dateBasis, /December 2015/);
    assert.equal(registry.source.title, 'Item 9 – HLN – Progress on SEND Strategy and Workstreams');
    assert.equal(registry.source.docId, 'send-strategy-workstreams-progress');
  });

  it('names every person exactly as the paper does, and only aliases the paper or common usage gives', () => {
    for (const ws of registry.workstreams) {
      for (const m of [ws.lead, ...ws.representatives])
        if (!('toBeConfirmed' in m && m.toBeConfirmed)) assert.ok(text.includes(m.name), `${ws.name}: ${m.name}`);
    }
    assert.deepEqual(
      registry.workstreams.filter((w) => w.aliases).map((w) => [w.slug, w.aliases]),
      [
        ['exceptional-needs-funding', ['ENF']],
        ['specific-learning-difficulties', ['SpLD']],
        ['speech-language-and-communication-needs', ['SLCN']],
        ['educational-psychology-services', ['EP services']],
      ],
    );
  });
});

describe('loadRegistry', () => {
  it('loads the committed registry and looks workstreams up by slug', () => {
    const loaded = loadRegistry();
    assert.equal(loaded.workstreams.length, 10);
    assert.equal(loaded.bySlug.get('autism')?.lead.name, 'John Short');
  });

  it('rejects a file whose workstream has lost its lead, naming the file', () => {
    const broken = JSON.parse(readFileSync('data/workstreams.json', 'utf8')) as { workstreams: Record<string, unknown>[] };
    delete broken.workstreams[0]!.lead;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'registry-')), 'workstreams.json');
    writeFileSync(file, JSON.stringify(broken));
    assert.throws(
      () => loadRegistry(file),
      (e: Error) => e.message.includes(file) && e.message.includes('lead'),
    );
  });

  it('finds workstreams by partial, misspelt and abbreviated names, and says when a word could be several', () => {
    const loaded = loadRegistry();
    const top = (q: string): string | undefined => {
      const found = loaded.lookup(q);
      return found.kind === 'found' ? found.workstream.slug : undefined;
    };
    assert.equal(loaded.lookup('needs').kind, 'ambiguous');
    assert.equal(top('behavour and alternative provison'), 'behaviour-and-alternative-provision');
    assert.equal(top('SLCN'), 'speech-language-and-communication-needs');
    assert.equal(top('speech and language'), 'speech-language-and-communication-needs');
    assert.equal(top('EP services'), 'educational-psychology-services');
    assert.equal(top('SpLD'), 'specific-learning-difficulties');
    assert.equal(top('sensory'), 'sensory-and-physical-needs');
    assert.equal(top('DSPL'), 'dspl-area-groups');
    assert.equal(top('the Great School Framework'), undefined);
  });
});
