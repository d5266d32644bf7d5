/**
 * Answers questions the workstream registry knows precisely — who leads or sits on a workstream,
 * a person's roles, what a workstream will do, its outcomes, where it stands, its milestones, and
 * the list of all ten — and returns null for anything else so document retrieval can take it.
 */
import type { Answer, AnswerContext } from '../answering/answer-types.js';
import type { PersonRecord, WorkstreamRegistry } from './registry.js';
import type { Workstream } from './registry-schema.js';
import {
  bulletText,
  leadAnswerText,
  listText,
  membersText,
  milestonesText,
  overviewText,
  personText,
  summaryText,
  whichPersonText,
  type Rendered,
} from './workstream-answer-text.js';
import { tokenise, type Token } from './workstream-match.js';
import {
  PERSON_QUESTION,
  ROLE_QUESTION,
  contentStems,
  intentsOf,
  isCategoryToken,
  pointsBack,
  roleFilterOf,
  subjectWords,
} from './workstream-questions.js';

const LIST_COLUMNS = ['actions', 'outcomes', 'position'] as const;

/** Answers a registry question, or returns null when the question is not one the registry answers. */
export function answerFromRegistry(registry: WorkstreamRegistry, question: string, context: AnswerContext): Answer | null {
  const tokens = tokenise(question);
  if (tokens.length === 0) return null;
  const normalised = normalise(question);
  const back = pointsBack(normalised);
  const intents = intentsOf(normalised);
  const hits = registry.findWorkstreamsIn(tokens);
  const contextWorkstream = context.workstream ? registry.bySlug.get(context.workstream) : undefined;
  // "Which EPs are on it?": a workstream name made only of role words is a role when something else names the workstream
  const named = hits.filter((h) => !(isRoleWords(tokens, h.start, h.end) && (hits.length > 1 || (back.workstream && contextWorkstream))));
  const explicit = named[0] ? registry.bySlug.get(named[0].slug) : undefined;
  const taken = new Set<number>();
  if (named[0]) for (let i = named[0].start; i < named[0].end; i++) taken.add(i);

  const personHit = registry.findPersonIn(tokens);
  if (personHit && !overlaps(personHit, taken)) {
    for (let i = personHit.start; i < personHit.end; i++) taken.add(i);
    const rest = subjectWords(tokens, taken);
    if (!PERSON_QUESTION.test(normalised) && rest.length > 0) return null;
    if (personHit.people.length > 1) return reply(registry, whichPersonText(registry, personHit.people), { ...context, lastQuestion: question });
    return personReply(registry, personHit.people[0]!, explicit, question, context);
  }
  if (!explicit && back.person && context.person && PERSON_QUESTION.test(normalised)) {
    const person = registry.people.get(context.person.toLowerCase());
    if (person) return personReply(registry, person, undefined, question, context);
  }

  const filter = roleFilterOf(tokens, taken);
  let ws = explicit;
  if (!ws) {
    if (intents.includes('overview')) return reply(registry, overviewText(registry), { ...context, lastQuestion: question });
    const asks = intents.length > 0 || filter !== undefined;
    if (contextWorkstream && asks && (back.workstream || subjectWords(tokens, taken).length === 0)) ws = contextWorkstream;
  }
  if (!ws) return null;
  const namedClearly = ws === explicit && (named[0]!.matched >= 2 || /\bwork ?streams?\b/.test(normalised));
  const rendered = workstreamAnswer(registry, ws, { tokens, taken, normalised, intents, filter, question, context, namedClearly });
  if (!rendered) return null;
  return reply(registry, rendered, { ...context, workstream: ws.slug, ...(rendered.person ? { person: rendered.person } : {}), lastQuestion: question });
}

interface Asked {
  tokens: Token[];
  taken: Set<number>;
  normalised: string;
  intents: ReturnType<typeof intentsOf>;
  filter: ReturnType<typeof roleFilterOf>;
  question: string;
  context: AnswerContext;
  /** The workstream is named in full or called a workstream, not just a word like "DSPL" that a definition could be after. */
  namedClearly: boolean;
}

function workstreamAnswer(registry: WorkstreamRegistry, ws: Workstream, asked: Asked): Rendered | null {
  const { intents, filter, normalised, context } = asked;
  const has = (i: (typeof intents)[number]): boolean => intents.includes(i);
  const subject = subjectWords(asked.tokens, asked.taken);
  if (has('lead') && !/\belse\b/.test(normalised)) return leadAnswerText(registry, ws);
  if (has('milestone')) {
    if (/\b(did|was|were|has|have|had)\b/.test(normalised)) return detail(registry, ws, subject);
    return milestonesText(registry, ws, chooseMilestone(ws, subject, /\bnext\b/.test(normalised)), /\bnext\b/.test(normalised));
  }
  const listIntent = LIST_COLUMNS.find((c) => has(c));
  // A member category alone ("headteachers and parents") with other content words is about what those
  // people did ("…came to the feedback sessions"), not who sits on the workstream: the paper's text says.
  // When no bullet says it either, leave the question to the documents rather than list members.
  if (!has('members') && filter && !listIntent && subject.length >= 2) return detail(registry, ws, subject, 0.4);
  if (has('members') || (filter && !listIntent)) {
    const exclude = new Set<string>();
    // "who else": everyone but the lead and the person last talked about, both already named
    if (/\belse\b|\bother\b/.test(normalised)) {
      exclude.add(ws.lead.name.toLowerCase());
      if (context.person) exclude.add(context.person.toLowerCase());
    }
    return membersText(registry, ws, filter, exclude);
  }
  if (listIntent) return listText(registry, ws, listIntent);
  if (has('summary')) return summaryText(registry, ws);
  return detail(registry, ws, subject) ?? (subject.length === 0 && asked.namedClearly ? summaryText(registry, ws) : null);
}

/** The milestone a question picks out by its words, or the earliest when it asks for the next. */
function chooseMilestone(ws: Workstream, subject: string[], next: boolean): Workstream['milestones'][number] | undefined {
  if (next) return ws.milestones[0];
  const scored = ws.milestones.map((m) => {
    const stems = contentStems(`${m.title} ${m.dueText}`);
    return { m, score: subject.filter((s) => stems.has(s)).length };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return best > 0 && top.length === 1 ? top[0]!.m : ws.milestones.length === 1 ? ws.milestones[0] : undefined;
}

/** A bullet that shares the question's distinctive words ("which pilot… learning from?"). */
function detail(registry: WorkstreamRegistry, ws: Workstream, subject: string[], minShare = 0.6): Rendered | null {
  if (subject.length === 0) return null;
  const { df, stems: bulletStems } = bulletIndex(registry);
  let best: { column: (typeof LIST_COLUMNS)[number]; bullet: string; score: number } | undefined;
  for (const column of LIST_COLUMNS) {
    for (const bullet of ws[column]) {
      const stems = bulletStems.get(bullet)!;
      const shared = [...new Set(subject)].filter((s) => stems.has(s));
      const rare = shared.some((s) => (df.get(s) ?? 0) <= 3);
      if (shared.length >= 2 && shared.length >= minShare * new Set(subject).size && rare && (!best || shared.length > best.score)) {
        best = { column, bullet, score: shared.length };
      }
    }
  }
  return best ? bulletText(registry, ws, best.column, best.bullet) : null;
}

/** Each bullet's stems, and in how many bullets of the whole registry each stem occurs; built once per registry. */
interface BulletIndex {
  stems: Map<string, Set<string>>;
  df: Map<string, number>;
}
const bulletIndexes = new WeakMap<WorkstreamRegistry, BulletIndex>();
function bulletIndex(registry: WorkstreamRegistry): BulletIndex {
  let index = bulletIndexes.get(registry);
  if (!index) {
    index = { stems: new Map(), df: new Map() };
    for (const ws of registry.workstreams) {
      for (const bullet of LIST_COLUMNS.flatMap((c) => ws[c])) {
        const stems = contentStems(bullet);
        index.stems.set(bullet, stems);
        for (const s of stems) index.df.set(s, (index.df.get(s) ?? 0) + 1);
      }
    }
    bulletIndexes.set(registry, index);
  }
  return index;
}

function personReply(registry: WorkstreamRegistry, person: PersonRecord, only: Workstream | undefined, question: string, context: AnswerContext): Answer {
  const normalised = normalise(question);
  const rendered = personText(registry, person, only, ROLE_QUESTION.test(normalised), /\b(lead|leads|led)\b/.test(normalised));
  const seats = only ? person.seats.filter((s) => s.slug === only.slug) : person.seats;
  const workstream = seats.length === 1 ? seats[0]!.slug : context.workstream;
  return reply(registry, rendered, { ...context, ...(workstream ? { workstream } : {}), person: person.name, lastQuestion: question });
}

function reply(registry: WorkstreamRegistry, rendered: Rendered, context: AnswerContext): Answer {
  return {
    kind: 'answer',
    text: rendered.text,
    citations: [{ docId: registry.source.docId, title: registry.source.citationTitle, section: rendered.section, abstract: rendered.abstract }],
    context,
  };
}

/** Lower case, apostrophes and punctuation to spaces: "Who's on it?" → "who s on it". */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const isRoleWords = (tokens: Token[], start: number, end: number): boolean => tokens.slice(start, end).every(isCategoryToken);
const overlaps = (hit: { start: number; end: number }, taken: Set<number>): boolean => {
  for (let i = hit.start; i < hit.end; i++) if (taken.has(i)) return true;
  return false;
};
