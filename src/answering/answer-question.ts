/**
 * The one answering pipeline: a question (split into its parts) is read, the passages of the documents
 * and the workstream registry are retrieved together, and each part is answered by extractive
 * composition with a citation per passage — or declined when the documents do not cover it, when it
 * asks about a person they do not name, or when it asks for a number or date they do not give.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { Section } from '../ingestion/knowledge-types';
import type { Answer, AnswerContext, Citation } from './answer-types';
import { citeSection, declineText, supersededPreface } from './citations';
import { compose, knownPersonIn, leadInOf, namesKnownPerson, type ComposeOptions, type Composition } from './compose';
import { analyse, asksOfEach, splitParts, type Asked } from './question';
import { retrieve, wordsBeside } from './retrieve';
import { unitKey, type Unit } from '../ingestion/units';
import { asksOfNow, currentOf } from '../ingestion/document-mentions';
import { stem } from '../language/stem';
import { words } from '../language/words';
import { STOP_WORDS } from '../language/stop-words';

/**
 * Share of a question's weight carried by nouns the documents never use, above which it is declined. Set
 * midway between the development questions on either side: answerable ones reach 0.31 ("kids" in "anything
 * about kids being home educated?"), out-of-scope ones start at 0.44 ("a vlookup in excel").
 */
export const MAX_UNKNOWN_SHARE = 0.375;
/** Longest answer body; longer compositions are cut at a unit boundary. (Of 1,200 and 1,400, 1,400 on the development sets: a process or a comparison told to its end.) */
const MAX_CHARS = 1400;

interface Answered {
  asked: Asked;
  compositions: Array<{ docId?: string; composition: Composition }>;
}

/** What joins two subjects asked about together: "the St Albans and Westminster dioceses", "HASSH / HAPH". */
const COORDINATION = /\b(and|or|vs|versus)\b|[,&/+]/i;

/** How many passages a second, deeper search reads when the first found none stating the kind of fact asked for. */
const DEEPER = 24;

/** Words by which a follow-up asks for something besides what it was just told. */
const OTHER = new Set(['else', 'other', 'others', 'another']);

/** "When was…", "when did…": a question about when something happened (not "when will it be rewritten?"). */
const PAST_WHEN = /\bwhen\s+(was|were|did)\b/i;

/** Most units a context remembers of the last answer. */
const MAX_GIVEN = 40;

function answerPart(kb: KnowledgeBase, asked: Asked, context: AnswerContext, share: number, used: Set<string>): Answered | null {
  const byGroup = new Map<string, number>();
  for (const t of asked.terms)
    if (t.origin !== 'context' && t.origin !== 'expansion') byGroup.set(t.group, Math.max(byGroup.get(t.group) ?? 0, t.weight));
  const required = [...byGroup.values()].reduce((a, w) => a + w, 0);
  if (!required || asked.unknownWeight / (asked.unknownWeight + required) > MAX_UNKNOWN_SHARE) return null;
  const prefer = asked.terms.some((t) => t.origin === 'context') ? context.documents : undefined;
  const byDocument = scopesOf(kb, asked);
  const whole = new Set(used);
  const answered = composeScopes(kb, byDocument, asked, context, share, whole, prefer);
  const separately = byDocument.length === 1 ? eachName(kb, asked, answered, context, share, used, prefer) : null;
  if (separately) return finish(kb, asked, separately);
  for (const k of whole) used.add(k);
  return finish(kb, asked, answered);
}

/**
 * What a part asks of each document it names. A question naming two documents ("the 2004 paper vs the 2021 strategy") is
 * answered from each, and what a clause asks of one of them is not asked of the other. ("How has the vision changed
 * between the 2004 and 2021 strategies?" compares what each says, plans included: it does not ask what has been done so
 * far.) Each is asked in the words it writes: "Covid" of a paper that only says "the pandemic" — and so is the one document
 * a follow-up names, of what it borrows ("…and what about the Each and Every Child paper?" after a question about Covid).
 */
function scopesOf(kb: KnowledgeBase, asked: Asked): Asked[] {
  if (asked.documents.length >= 2)
    return asked.documents.map((id) => {
      const terms = asked.terms.filter((t) => !t.document || t.document === id);
      return { ...asked, documents: [id], perfect: false, terms: [...terms, ...wordsBeside(kb, terms, id)] };
    });
  const [only] = asked.documents;
  const borrowed = asked.terms.filter((t) => t.borrowed);
  if (only === undefined || !borrowed.length) return [asked];
  return [{ ...asked, terms: [...asked.terms, ...wordsBeside(kb, borrowed, only)] }];
}

/**
 * "How many schools do the St Albans and Westminster diocese teams cover?": two names asked about together that the
 * answer does not both reach are asked of each in turn. Null when that answers no more than the answer did.
 */
function eachName(
  kb: KnowledgeBase,
  asked: Asked,
  answered: Answered['compositions'],
  context: AnswerContext,
  share: number,
  used: Set<string>,
  prefer: string[] | undefined,
): Answered['compositions'] | null {
  const named = asked.terms.filter((t) => t.origin === 'question' && (t.group.startsWith('name:') || kb.nameWords.has(t.word)));
  const names = [...new Set(named.map((t) => t.group))];
  if (names.length < 2 || !COORDINATION.test(asked.text)) return null;
  const reaches = (name: string): boolean =>
    answered.some((c) =>
      c.composition.parts.some((p) =>
        p.units.some((u) =>
          named
            .filter((t) => t.group === name)
            .some((t) => (t.phrase ?? [t.stem]).every((st) => u.stems.has(st) || kb.headingStemsOf(u.section).path.has(st))),
        ),
      ),
    );
  if (names.every(reaches)) return null;
  const byName = names.map((name) => ({ ...asked, terms: asked.terms.filter((t) => !names.includes(t.group) || t.group === name) }));
  const each = new Set(used);
  const separately = composeScopes(kb, byName, asked, context, share, each, prefer);
  if (separately.length <= answered.length) return null;
  for (const k of each) used.add(k);
  return separately;
}

/** Composes an answer from each scope (a document, or a name, of the question), its share of the budget each. */
function composeScopes(
  kb: KnowledgeBase,
  scopes: Asked[],
  asked: Asked,
  context: AnswerContext,
  share: number,
  used: Set<string>,
  prefer: string[] | undefined,
): Answered['compositions'] {
  // "Who came up with it?" after the list of lenses names nothing of its own, only what it asks of the subject:
  // what was just said is not the answer again. ("Which parents are on it?" names parents: it may be.)
  // Nor is it for "and who sends that to Ofsted?", unless it says what the follow-up newly asks; and the answer is
  // often what follows it there.
  const followUp = asked.elliptical ? followUpOptions(asked, context) : {};
  const compositions: Answered['compositions'] = [];
  for (const scope of scopes) {
    // ("What else does she lead?": what the last answer gave is not given again at all.)
    const exclude = followUp.another && followUp.repeated ? new Set([...used, ...followUp.repeated]) : used;
    const options = { share: share / scopes.length, ...followUp, exclude, perDocument: scopes.length > 1 };
    const first = compose(kb, scope, retrieve(kb, scope, { prefer }), options);
    let composition = first;
    // Passages that match the question's words best need not state the fact it asks for ("how many DSPL groups are
    // there?" finds the DSPL workstream's pages first): before giving up for want of it, look further down.
    if ('kind' in composition && composition.kind === 'no-fact')
      composition = compose(kb, scope, retrieve(kb, scope, { prefer, limit: DEEPER }), options);
    // (Nor is a part declined that another part has answered: it has nothing more to say.)
    if (!('parts' in composition) && 'kind' in first && first.givenElsewhere) composition = { parts: [], coverage: 1 };
    if (!('parts' in composition)) continue;
    for (const p of composition.parts) for (const u of p.units) used.add(unitKey(u));
    compositions.push({ ...(scopes.length > 1 && asked.documents.length > 1 ? { docId: scope.documents[0] } : {}), composition });
  }
  return compositions;
}

/** What was composed for a part, unless it does not say what the part asks; failing all, what its document is. */
function finish(kb: KnowledgeBase, asked: Asked, compositions: Answered['compositions']): Answered | null {
  // "Who is the STEPS County Lead?" is not answered by a passage that mentions the post without naming anyone.
  // (Someone the papers name as a person elsewhere too: "Principal Educational Psychologist" is a post.)
  const namesAnyone = (): boolean => compositions.some((c) => c.composition.parts.some((p) => p.units.some((u) => namesKnownPerson(kb, u))));
  if (asked.holderOf && !namesAnyone()) return null;
  // "Which 11 secondary schools…?" is not answered by the sentence that says there are 11 of them.
  if (asked.membersOf) {
    const count = asked.membersOf.split(' ')[0]?.toLowerCase() ?? '';
    const units = compositions.flatMap((c) => c.composition.parts.flatMap((p) => p.units));
    // A lead-in introduces them; a list item names one, unless it is itself the count ("The KS2 Closing the Gap
    // programme, working with 24 schools").
    const says = (u: Unit): boolean => words(u.text).includes(count);
    if (!units.some((u) => u.leadIn || (u.list && !says(u))) && units.some(says)) return null;
  }
  const about = asked.ofDocument ? kb.sections.find((s) => s.about && s.docId === asked.documents[0]) : undefined;
  const document = about ? kb.documentById.get(about.docId) : undefined;
  // ("When was the 2021 strategy published?" is not answered by a passage giving no year of the paper's own — "…within ten
  // days of the inspection report being published".)
  const year = /\b(19|20)\d\d\b/.exec(document?.date ?? '')?.[0];
  const elsewhere =
    asked.wh === 'when' &&
    PAST_WHEN.test(asked.text) &&
    year !== undefined &&
    !compositions.some((c) => c.composition.parts.some((p) => p.units.some((u) => u.text.includes(year))));
  if (compositions.length && !elsewhere) return { asked, compositions };
  // "When was SE+ published?", when no passage says: what the document is — its date, whether it is current.
  if (!about || !document) return null;
  const hit = { section: about, document, score: 1, relative: 1 };
  return { asked, compositions: [{ composition: { parts: [{ hit, units: kb.unitsOf(about.index).slice(0, 2), label: false }], coverage: 1 } }] };
}

/** What a follow-up that points back knows of the last answer: the units it gave, and the ones right after them. */
function followUpOptions(asked: Asked, context: AnswerContext): Pick<ComposeOptions, 'repeated' | 'fresh' | 'following'> & { another?: boolean } {
  const given = context.given ?? [];
  const before = new Set(words(`${context.subject ?? ''} ${context.relation ?? ''}`).map(stem));
  // "What else does she lead?", "any other ones?": nothing the last answer gave is what it asks, whatever it says.
  const another = words(asked.text).some((w) => OTHER.has(w));
  const repeated = new Set(given);
  return {
    another,
    repeated,
    // (A word standing in for one the last question asked is not new: "conduct", "guide" for "lead".)
    fresh: asked.terms.filter((t) => t.origin === 'question' && !t.borrowed && !before.has(t.stem) && !before.has(t.group)).map((t) => t.group),
    // (What comes after one unit given may itself have been given.)
    following: new Set(
      given
        .map((k) => k.split('.'))
        .map(([section, index]) => `${section}.${Number(index) + 1}`)
        .filter((k) => !repeated.has(k)),
    ),
  };
}

/** Says a part was not answered: for a post, that the documents do not say who holds it; for a counted group, who is in it. */
function notFound(asked: Asked): string {
  if (asked.holderOf) return `I couldn't find who the ${asked.holderOf} is: the documents mention the post but don't name anyone.`;
  if (asked.membersOf) return `I couldn't find which ${asked.membersOf} they are: the documents give the number but don't name them.`;
  return `I couldn't find an answer to "${asked.text}" in the documents.`;
}

/**
 * What the answer to "which <kind>…?" named as that kind: the capitalised name before the kind's word in the answer's
 * first sentence ("The Sensory and Physical Needs workstream is led by Donald Allan…" → "Sensory and Physical Needs
 * workstream"), if any.
 */
function kindNamed(asked: Asked, answered: Answered | null | undefined): string | undefined {
  const first = answered?.compositions[0]?.composition.parts[0]?.units[0];
  if (!asked.answerType.length || !first) return undefined;
  const tokens = first.text.split(/\s+/).map((w) => w.replace(/[^\w'’&-]/g, ''));
  const capitalised = (w: string | undefined): boolean => Boolean(w && w[0] !== w[0]?.toLowerCase());
  for (let k = 1; k < tokens.length; k++) {
    if (!asked.answerType.includes(stem((tokens[k] ?? '').toLowerCase()))) continue;
    let from = k;
    // (Back over capitalised words and the small words between them: "Behaviour and Alternative Provision".)
    while (from > 0 && (capitalised(tokens[from - 1]) || (JOINING.has(tokens[from - 1] ?? '') && capitalised(tokens[from - 2])))) from--;
    // (Not the capital of the sentence's first word: "The".)
    if (from === 0 && from < k - 1 && STOP_WORDS.has((tokens[0] ?? '').toLowerCase())) from = 1;
    if (from < k) return tokens.slice(from, k + 1).join(' ');
  }
  return undefined;
}

/** Pronouns that stand for one thing already named ("it", "they"), not for another of its kind ("one"). */
const POINTING_BACK = new Set(['it', 'its', 'they', 'them', 'their']);

/** The small words inside a name: "Behaviour and Alternative Provision", "Children, Schools and Families". */
const JOINING = new Set(['and', 'of', 'for', '&']);

/** Answers a question from the knowledge base alone. */
export function answerQuestion(kb: KnowledgeBase, question: string, context: AnswerContext = {}): Answer {
  const parts = splitParts(question);
  const read: Asked[] = [];
  let ctx = context;
  for (const part of parts) {
    const a = analyse(kb, part, ctx, read.length > 0);
    // "…and who's driving it?": a part that leans on the one before keeps the documents it named — or, asked of the
    // present ("…and how's that done now?"), what replaced them.
    // (So does a follow-up of the documents the conversation named: "and learning communities?" after "what did the
    // 2004 SE+ strategy mean by networks?".)
    const previous = read[read.length - 1]?.documents ?? context.named;
    const kept = previous && asksOfNow(words(part)) ? currentOf(kb.documentKeys, previous) : previous;
    // ("…compare with the 2021 strategy? who actually does the monitoring in each": "each" is each of those documents.)
    const ofEach = (kept?.length ?? 0) >= 2 && asksOfEach(part);
    read.push((a.elliptical || ofEach) && !a.documents.length && kept?.length ? { ...a, documents: kept } : a);
    ctx = { ...ctx, subject: a.subject, relation: a.relation };
  }
  // "sorry if dumb q but whats SACRE for": a part that asks nothing and names nothing is not a question to decline.
  const chatter = (a: Asked): boolean => !a.terms.length && !a.wh && !a.unknownWeight && !a.unknownName;
  const asked = read.some((a) => !chatter(a)) ? read.filter((a) => !chatter(a)) : read;
  const last = asked[asked.length - 1];
  const nextContext: AnswerContext = {
    lastQuestion: question,
    ...(last?.subject ? { subject: last.subject } : {}),
    ...(last?.relation ? { relation: last.relation } : {}),
    ...(last?.titled.length ? { named: last.titled } : last?.elliptical && context.named ? { named: context.named } : {}),
  };
  const unknownName = asked.find((a) => a.unknownName)?.unknownName;
  if (unknownName) {
    const hint = unknownName.suggestion ? ` Did you mean ${unknownName.suggestion}?` : '';
    const who = unknownName.name.includes(' ') || unknownName.suggestion ? `anyone called ${unknownName.name}` : `anything about ${unknownName.name}`;
    return { kind: 'decline', text: `I couldn't find ${who} in the documents I know, so I won't guess.${hint}`, citations: [], context: nextContext };
  }
  // Each part says what the others have not: a unit already given is not given again.
  const used = new Set<string>();
  const answered: Array<Answered | null> = [];
  for (const [k, a] of asked.entries()) {
    // "Which workstream has Donald Allan as lead, and what types of need does it cover?": "it" is the workstream the
    // answer named, not any the question's words find.
    const before = asked[k - 1];
    // ("…and which one is the 2023 paper aligned with?": "one" is another of the kind, not the one named.)
    const pointsBack = a.terms.some((t) => t.borrowed) && words(a.text).some((w) => POINTING_BACK.has(w));
    const named = before && pointsBack ? kindNamed(before, answered[k - 1]) : undefined;
    const part = named ? { ...analyse(kb, a.text, { ...context, subject: named, relation: before?.relation }, true), documents: a.documents } : a;
    answered.push(answerPart(kb, part, context, 1 / asked.length, used));
  }
  if (!answered.some(Boolean)) {
    // A post nobody is named for, or a group nobody lists, is said as such.
    const explained = asked.find((a) => a.holderOf || a.membersOf);
    return { kind: 'decline', text: explained ? notFound(explained) : declineText(kb), citations: [], context: nextContext };
  }
  return render(kb, answered, asked, nextContext);
}

/**
 * Where a part stands, for a list item shown without its lead-in: its headings ("Autism › Lead & Representatives: "),
 * or under no heading the lead-in of its list ("The following key strategies and policies contribute to SE+: ").
 */
function placeOf(kb: KnowledgeBase, section: Section, first: Unit | undefined): string {
  if (section.path.length) return `${section.path.slice(-2).join(' › ')}: `;
  const lead = leadInOf(kb.unitsOf(section.index), first?.index ?? 0);
  return lead ? `${lead.text} ` : '';
}

/**
 * The heading of a passage given as prose, when its text does not say it: what the passage is about is often carried by
 * its heading alone ("Standards and School Effectiveness Board" over "The meeting in the first half of the term will
 * deal with major school improvement issues"; "Hertfordshire's Schools Forum" over "Forum is the place where…").
 * (Not over a list's lead-in, which says what its items are.)
 */
function headingUnsaid(section: Section, units: readonly Unit[], quoted: string): string {
  const heading = section.path[section.path.length - 1];
  if (!heading || units[0]?.list || units.some((u) => u.leadIn)) return '';
  const said = new Set(words(quoted));
  return words(heading).every((w) => STOP_WORDS.has(w) || said.has(w)) ? '' : `${heading}: `;
}

/**
 * One passage's units as text: sentences run on as prose, list items one per line, "- …" after the last item
 * given of a list cut short; the citation marker closes the first line of prose, or the list when there is none.
 */
function renderPart(units: readonly Unit[], head: string, n: number, cuts: readonly Unit[] = []): string {
  const lines: string[] = [];
  let previous: Unit | undefined;
  for (const u of units) {
    if (u.list) lines.push(`- ${u.text}`);
    else if (previous && !previous.list && previous.section === u.section && previous.block === u.block && lines.length)
      lines[lines.length - 1] += ` ${u.text}`;
    else lines.push(u.text);
    // (A list given only in part says so where it stops.)
    if (cuts.includes(u)) lines.push('- …');
    previous = u;
  }
  const proseLine = lines.findIndex((l) => !l.startsWith('- '));
  if (proseLine >= 0) lines[proseLine] = `${lines[proseLine]} [${n}]`;
  else lines[lines.length - 1] = `${lines[lines.length - 1]} [${n}]`;
  if (!head) return lines.join('\n');
  if (lines.length === 1) return `${head}${(lines[0] ?? '').replace(/^- /, '')}`;
  return proseLine === 0 ? `${head}${lines.join('\n')}` : `${head.trimEnd()}\n${lines.join('\n')}`;
}

/** The answer's text and sources, with or without the headings its passages do not say. */
function write(
  kb: KnowledgeBase,
  answered: Array<Answered | null>,
  asked: Asked[],
  headings: boolean,
): { text: string; citations: Citation[]; documents: Set<string> } {
  const citations: Citation[] = [];
  const citationOf = new Map<number, number>();
  const prefaced = new Set<string>();
  const pieces: string[] = [];
  const documents = new Set<string>();
  // A question about an acronym learns what it stands for, from the glossary, when the passages do not say.
  // (Not one that compares what two documents say of it: that is what it asks.)
  const only = asked.length === 1 && (asked[0]?.documents.length ?? 0) < 2 ? asked[0] : undefined;
  const acronyms = only?.acronyms ?? (only?.acronym ? [only.acronym] : []);
  const quoted = answered
    .flatMap((a) => a?.compositions.flatMap((c) => c.composition.parts.flatMap((p) => p.units.map((u) => u.text))) ?? [])
    .join(' ');
  const spelled: string[] = [];
  for (const acronym of acronyms) {
    if (quoted.toLowerCase().includes(acronym.expansion.toLowerCase())) continue;
    let n = citationOf.get(acronym.section);
    if (n === undefined) {
      citations.push(citeSection(kb, acronym.section, `${acronym.acronym} – ${acronym.expansion}`));
      n = citations.length;
      citationOf.set(acronym.section, n);
    }
    spelled.push(`${acronym.acronym} stands for ${acronym.expansion} [${n}].`);
  }
  if (spelled.length) pieces.push(spelled.join(' '));
  answered.forEach((a, i) => {
    if (!a) {
      const part = asked[i];
      if (part) pieces.push(notFound(part));
      return;
    }
    for (const { docId, composition } of a.compositions) {
      if (!composition.parts.length) continue;
      const lines: string[] = [];
      if (docId) lines.push(`In ${kb.documentById.get(docId)?.shortName ?? docId}:`);
      for (const part of composition.parts) {
        const section = part.hit.section;
        documents.add(section.docId);
        let n = citationOf.get(section.index);
        const quoted = part.units.map((u) => u.text).join(' ');
        if (n === undefined) {
          citations.push(citeSection(kb, section.index, quoted));
          n = citations.length;
          citationOf.set(section.index, n);
        }
        // (A document's About passage says itself that it was replaced.)
        const preface = !docId && !prefaced.has(section.docId) && !section.about ? supersededPreface(kb, section.docId) : null;
        if (preface) prefaced.add(section.docId);
        // A list item shown without its lead-in is placed by its heading ("Autism › Lead & Representatives: Helen Booth, …"),
        // so it does not read as one more item of the list before it.
        const bare = Boolean(part.units[0]?.list) && !part.units.some((u) => u.leadIn);
        const label = part.label || bare ? placeOf(kb, section, part.units[0]) : headings ? headingUnsaid(section, part.units, quoted) : '';
        lines.push(renderPart(part.units, `${preface ? `${preface} ` : ''}${label}`, n, part.cuts));
      }
      // (A comparison runs each document's passages on as prose, except after a list, which ends its line.)
      pieces.push(docId ? lines.reduce((a, l) => `${a}${/\n- [^\n]*$/.test(a) || l.startsWith('- ') ? '\n' : ' '}${l}`) : lines.join('\n'));
    }
  });
  return { text: pieces.join('\n\n'), citations, documents };
}

function render(kb: KnowledgeBase, answered: Array<Answered | null>, asked: Asked[], context: AnswerContext): Answer {
  // Headings that say what a passage is about are given while the answer has room for them: what it quotes comes first.
  const labelled = write(kb, answered, asked, true);
  const written = labelled.text.length > MAX_CHARS ? write(kb, answered, asked, false) : labelled;
  const { citations, documents } = written;
  let text = written.text;
  if (text.length > MAX_CHARS) {
    const kept = text.slice(0, text.lastIndexOf('\n', MAX_CHARS) > 0 ? text.lastIndexOf('\n', MAX_CHARS) : MAX_CHARS).trimEnd();
    // (Once: a list cut short may already end where the answer is cut. Nothing where a whole passage after it is left
    // out: what is given is whole.)
    text = kept.endsWith('\n- …') || text.slice(kept.length).startsWith('\n\n') ? kept : `${kept}\n- …`;
    // A passage left out is not cited: every source listed has its marker in the text.
    const shown = Math.max(0, ...[...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    citations.splice(shown);
  }
  const given = answered.flatMap((a) => a?.compositions.flatMap((c) => c.composition.parts.flatMap((p) => p.units.map(unitKey))) ?? []);
  // "Who leads the special schools workstream?" → "…led by Jennie Newman…": "does she lead any other ones?" asks about her.
  const last = answered[answered.length - 1];
  const person =
    last && (last.asked.wh === 'who' || last.asked.holderOf)
      ? last.compositions
          .flatMap((c) => c.composition.parts.flatMap((p) => p.units))
          .map((u) => knownPersonIn(kb, u))
          .find(Boolean)
      : undefined;
  return {
    kind: 'answer',
    text,
    citations,
    context: { ...context, documents: [...documents], given: given.slice(0, MAX_GIVEN), ...(person ? { person } : {}) },
  };
}
