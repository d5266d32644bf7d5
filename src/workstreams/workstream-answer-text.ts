/**
 * Words for registry answers: short sentences or lists, each ending in the [1] that cites the
 * progress paper's table cell the facts came from.
 */
import { MONTH_NAMES } from './dated-phrases.js';
import type { PersonRecord, WorkstreamRegistry } from './registry.js';
import type { Member, RegistryMilestone, Workstream } from './registry-schema.js';
import { fitsRole, type RoleFilter } from './workstream-questions.js';

/** The text of an answer and the cell it cites. */
export interface Rendered {
  text: string;
  /** Heading path within the paper: "Autism › Lead & Representatives". */
  section: string;
  /** The cited passage, clipped to 160 characters. */
  abstract: string;
  /** The one person the answer names, for "who else?" next. */
  person?: string;
}

/** Columns of the paper's table, by what they hold. */
export type Column = 'people' | 'actions' | 'outcomes' | 'position';
const COLUMN_INDEX: Record<Column, number> = { people: 1, actions: 2, outcomes: 3, position: 4 };
const BUDGET = 880;

export const columnName = (registry: WorkstreamRegistry, column: Column): string => registry.source.columns[COLUMN_INDEX[column]]!;
const section = (registry: WorkstreamRegistry, ws: Workstream | string, column: Column): string =>
  `${typeof ws === 'string' ? ws : ws.name} › ${columnName(registry, column)}`;

/** "January 2016", the paper's (estimated) date. */
export function paperMonth(registry: WorkstreamRegistry): string {
  const [year, month] = registry.source.date.split('-').map(Number);
  return `${MONTH_NAMES[month! - 1]} ${year}`;
}

/** "29 February 2016". */
export function humanDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTH_NAMES[month! - 1]} ${year}`;
}

/** Cuts text at a word boundary so it fits `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.]+$/, '')}…`;
}

/** A header and bullet lines, as many as fit, then how many were left out. */
function fitList(header: string, lines: string[], footer = ''): string {
  let text = header;
  let shown = 0;
  for (const line of lines) {
    const next = `${text}\n- ${clip(line, 260)}`;
    if (next.length + footer.length + 40 > BUDGET && shown > 0) break;
    text = next;
    shown++;
  }
  if (shown < lines.length) text += `\n- …and ${lines.length - shown} more in the paper`;
  return text + footer;
}

const describe = (m: Member): string =>
  m.toBeConfirmed ? `a ${m.role.toLowerCase() || 'member'} still to be confirmed (tbc)` : `${m.name} (${m.role}${m.substitute ? ', substitute' : ''})`;

const leadText = (ws: Workstream): string =>
  ws.lead.organisation ? `the ${ws.lead.name}` : `${ws.lead.name}${ws.lead.role ? ` (${ws.lead.role})` : ''}`;

const peopleAbstract = (ws: Workstream): string =>
  clip([ws.lead.organisation ? ws.lead.name : `${ws.lead.name}, ${ws.lead.role ?? ''}`, ...ws.representatives.map((m) => `${m.name}, ${m.role}`)].join('; '), 160);

/** All ten workstreams and who leads each. */
export function overviewText(registry: WorkstreamRegistry): Rendered {
  const header = `The ${registry.workstreams.length} SEND workstreams in the ${paperMonth(registry)} progress paper, with their leads [1]:`;
  // roles make the list too long for one message, so they go first when space runs out
  const withRoles = registry.workstreams.map((ws) => `${ws.name} — ${ws.lead.organisation ? `the ${ws.lead.name}` : `${ws.lead.name} (${clip(ws.lead.role ?? '', 34)})`}`);
  const namesOnly = registry.workstreams.map((ws) => `${ws.name} — ${ws.lead.organisation ? 'the ' : ''}${ws.lead.name}`);
  const full = fitList(header, withRoles);
  return {
    text: full.includes('more in the paper') ? fitList(header, namesOnly) : full,
    section: `All workstreams › ${columnName(registry, 'people')}`,
    abstract: clip(registry.workstreams.map((w) => w.name).join('; '), 160),
  };
}

/** Who leads a workstream. */
export function leadAnswerText(registry: WorkstreamRegistry, ws: Workstream): Rendered {
  const body = ws.lead.organisation
    ? `The ${ws.name} workstream is led by the ${ws.lead.name} — a group rather than a named person — with ${ws.representatives.length} representatives [1].`
    : `The ${ws.name} workstream is led by ${leadText(ws)} [1].`;
  return { text: body, section: section(registry, ws, 'people'), abstract: peopleAbstract(ws) };
}

/** Who sits on a workstream, optionally only one category ("parents") and without people already named. */
export function membersText(registry: WorkstreamRegistry, ws: Workstream, filter: RoleFilter | undefined, exclude: Set<string>): Rendered {
  const cite = { section: section(registry, ws, 'people'), abstract: peopleAbstract(ws) };
  const leadFits = !ws.lead.organisation && (!filter || fitsRole(filter, ws.lead.role ?? '', false)) && !exclude.has(ws.lead.name.toLowerCase());
  const members = ws.representatives.filter((m) => !exclude.has(m.name.toLowerCase()) && (!filter || fitsRole(filter, m.role, m.substitute === true)));
  if (filter) {
    const found = [...(leadFits ? [`${leadText(ws)}, the lead`] : []), ...members.map(describe)];
    if (found.length === 0) {
      return { text: `The paper lists no ${filter.phrase.toLowerCase()} on the ${ws.name} workstream; its members are ${ws.representatives.map((m) => m.role).filter((r, i, all) => all.indexOf(r) === i).join(', ')} representatives, led by ${leadText(ws)} [1].`, ...cite };
    }
    if (found.length === 1) {
      const person = members[0]?.toBeConfirmed ? undefined : (members[0]?.name ?? ws.lead.name);
      return { text: `The only ${singular(filter.phrase)} on the ${ws.name} workstream is ${found[0]} [1].`, ...cite, ...(person ? { person } : {}) };
    }
    return { text: fitList(`${capitalise(filter.phrase)} on the ${ws.name} workstream (${found.length}) [1]:`, found), ...cite };
  }
  const header =
    exclude.size > 0
      ? `Also on the ${ws.name} workstream [1]:`
      : `The ${ws.name} workstream is led by ${leadText(ws)}; its ${members.length} representatives are [1]:`;
  const lines = [...(exclude.size > 0 && leadFits ? [`${leadText(ws)} — lead`] : []), ...members.map(describe)];
  return { text: fitList(header, lines), ...cite };
}

const LIST_HEADERS: Record<Exclude<Column, 'people'>, (ws: Workstream, month: string) => string> = {
  actions: (ws) => `What the ${ws.name} workstream will do [1]:`,
  outcomes: (ws) => `The outcomes the ${ws.name} workstream is working towards [1]:`,
  position: (ws, month) => `Where the ${ws.name} workstream stood in ${month} [1]:`,
};

/** One of the three list columns, as bullets. */
export function listText(registry: WorkstreamRegistry, ws: Workstream, column: Exclude<Column, 'people'>): Rendered {
  const items = ws[column];
  return {
    text: fitList(LIST_HEADERS[column](ws, paperMonth(registry)), items),
    section: section(registry, ws, column),
    abstract: clip(items.join(' '), 160),
  };
}

/** One bullet that answers a detail question ("which pilot…"). */
export function bulletText(registry: WorkstreamRegistry, ws: Workstream, column: Exclude<Column, 'people'>, bullet: string): Rendered {
  return {
    text: `From the ${ws.name} workstream's "${columnName(registry, column)}" (${paperMonth(registry)}): ${clip(bullet, 700)} [1]`,
    section: section(registry, ws, column),
    abstract: clip(bullet, 160),
  };
}

const dueLine = (m: RegistryMilestone): string =>
  `${m.title} — "${m.dueText}", i.e. by ${humanDate(m.due)}`;

/** Milestones: one when the question picks it out, otherwise all (dates derived from the paper's date). */
export function milestonesText(registry: WorkstreamRegistry, ws: Workstream, chosen: RegistryMilestone | undefined, next: boolean): Rendered {
  const month = paperMonth(registry);
  const note = ` (The paper gives months, not dates; dates are derived from its ${month} date.)`;
  const cite = { section: section(registry, ws, 'position'), abstract: clip(chosen?.source ?? ws.milestones.map((m) => m.source).join(' ') ?? '', 160) };
  if (ws.milestones.length === 0) {
    const latest = ws.position[ws.position.length - 1] ?? '';
    return { text: `The ${month} paper gives no dated milestone for the ${ws.name} workstream. Its latest reported position: ${clip(latest, 400)} [1]`, section: section(registry, ws, 'position'), abstract: clip(latest, 160) };
  }
  if (chosen) {
    const lead = next ? `The next milestone for the ${ws.name} workstream in the ${month} paper` : `For the ${ws.name} workstream, the paper says`;
    return { text: `${lead}: ${lowerFirst(chosen.title)} ${chosen.dueText} — by ${humanDate(chosen.due)} [1].${note}`, ...cite };
  }
  return { text: fitList(`Dated milestones for the ${ws.name} workstream [1]:`, ws.milestones.map(dueLine), `\n${note.trim()}`), ...cite };
}

/** A short profile of a workstream: lead, size, aims and the next milestone. */
export function summaryText(registry: WorkstreamRegistry, ws: Workstream): Rendered {
  const aims = ws.actions.map((a) => lowerFirst(a.replace(/\.$/, '').replace(/^To /, ''))).join('; ');
  const next = ws.milestones[0];
  const text =
    `The ${ws.name} workstream (${paperMonth(registry)} paper) is led by ${leadText(ws)} with ${ws.representatives.length} representatives. ` +
    `It will ${clip(aims, 420)}.` +
    (next ? ` Next dated milestone: ${lowerFirst(next.title)} ${next.dueText} (by ${humanDate(next.due)}).` : '') +
    ' [1]';
  return { text, section: section(registry, ws, 'actions'), abstract: clip(ws.actions.join(' '), 160) };
}

const seatText = (seat: PersonRecord['seats'][number]): string =>
  `${seat.lead ? 'leads' : 'is on'} ${seat.workstream}${seat.role ? ` as ${seat.role}` : ''}${seat.substitute ? ' (substitute)' : ''}`;

/** A person's roles and workstreams; `only` narrows to one workstream they were asked about. */
export function personText(registry: WorkstreamRegistry, person: PersonRecord, only: Workstream | undefined, roleQuestion: boolean, leadQuestion = false): Rendered {
  const seats = only ? person.seats.filter((s) => s.slug === only.slug) : person.seats;
  const cited = seats.length > 0 ? seats : person.seats;
  const cite = { section: `${cited.map((s) => s.workstream).join('; ')} › ${columnName(registry, 'people')}`, abstract: clip(cited.map((s) => `${s.workstream}: ${person.name}${s.role ? `, ${s.role}` : ''}`).join('; '), 160) };
  if (only && seats.length === 0) {
    return { text: `The paper does not list ${person.name} on the ${only.name} workstream; ${person.name} ${joinAnd(person.seats.map(seatText))} [1].`, ...cite };
  }
  if (person.organisation) return { text: `The ${person.name} ${joinAnd(seats.map(seatText))} [1].`, ...cite };
  if (only) {
    const seat = seats[0]!;
    const others = person.seats.filter((s) => s.slug !== only.slug).map((s) => s.workstream);
    return {
      text: `${person.name} ${seat.lead ? 'leads' : 'is on'} the ${only.name} workstream${seat.role ? ` as ${seat.role}` : ''}${seat.substitute ? ' (substitute)' : ''}${others.length > 0 ? `, and is also on ${joinAnd(others)}` : ''} [1].`,
      ...cite,
    };
  }
  if (seats.length === 1) {
    const seat = seats[0]!;
    const text = roleQuestion && seat.role
      ? seat.lead
        ? `${person.name} is ${seat.role} and leads the ${seat.workstream} workstream [1].`
        : `${person.name} is ${seat.role}${seat.substitute ? ' (a substitute)' : ''} on the ${seat.workstream} workstream [1].`
      : `${person.name} ${seatText(seat)} — the only SEND workstream the paper lists them on [1].`;
    return { text, ...cite };
  }
  const led = seats.filter((s) => s.lead);
  if (leadQuestion && !person.organisation) {
    const others = seats.filter((s) => !s.lead).map((s) => `${s.workstream}${s.role ? ` (${s.role})` : ''}`);
    const leads = led.length === 0 ? `${person.name} leads none of the SEND workstreams` : `${person.name} leads ${joinAnd(led.map((s) => `${s.workstream}${s.role ? ` (as ${s.role})` : ''}`))}`;
    return { text: `${leads}${others.length > 0 ? `, and is a representative on ${joinAnd(others)}` : ''} [1].`, ...cite };
  }
  const roles = new Set(seats.map((s) => s.role));
  const header = !roleQuestion
    ? `${person.name} sits on ${seats.length} SEND workstreams [1]:`
    : roles.size === 1
      ? `${person.name} is ${[...roles][0]} and sits on ${seats.length} SEND workstreams [1]:`
      : `${person.name}'s roles on the ${seats.length} SEND workstreams they sit on [1]:`;
  return { text: fitList(header, seats.map((s) => `${s.workstream} — ${s.lead ? 'lead' : 'representative'}${s.role ? `, ${s.role}` : ''}${s.substitute ? ' (substitute)' : ''}`)), ...cite };
}

/** Several people fit a first name alone: say who each is. */
export function whichPersonText(registry: WorkstreamRegistry, people: PersonRecord[]): Rendered {
  const lines = people.map((p) => `${p.name} — ${joinAnd(p.seats.map(seatText))}`);
  return {
    text: fitList(`The SEND workstreams list ${people.length} people by that name [1]:`, lines),
    section: `${[...new Set(people.flatMap((p) => p.seats.map((s) => s.workstream)))].join('; ')} › ${columnName(registry, 'people')}`,
    abstract: clip(lines.join('; '), 160),
  };
}

/** "secondary heads" → "secondary head", "EPs" → "EP". */
const singular = (phrase: string): string => phrase.replace(/(?<=\w{2})s$/, '').replace(/^(?![A-Z]{2})\w/, (c) => c.toLowerCase());
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => (/^[A-Z](?![A-Z])/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const joinAnd = (parts: string[]): string => (parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);
