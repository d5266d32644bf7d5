/**
 * Reads the "Lead & Representatives" cell: "Name, Role Name, Role …". A comma ends each name, but
 * nothing marks where a role ends and the next name begins ("Secondary Head Sue Howe"), and roles
 * may hold commas themselves ("Senior Advisory Teacher, Sensory and Physical Needs").
 *
 * The split point is chosen so that the tail is a plausible name (two or three capitalised words,
 * hyphens and "deGraft"-style particles allowed, no role words) and the head a plausible role:
 * best a role written whole elsewhere in the table (a role that ends a cell is complete), then one
 * ending in a role word, else the two-word name. Where no split works the text is part of a role
 * that continues after the next comma.
 */
import { cellBlocks } from './parse-table.js';

export interface ParsedPerson {
  name: string;
  role: string;
  substitute?: true;
  toBeConfirmed?: true;
}

/** Role vocabulary learned from the table. */
export interface RoleLexicon {
  /** Roles seen whole: the text after a cell's last comma. */
  roles: Set<string>;
  /** Words that appear in roles (so they cannot be part of a name). */
  roleWords: Set<string>;
}

/** Nouns that end roles in any school-partnership paper. */
const ROLE_HEADS = new Set(
  (
    'Head Headteacher Teacher Manager Lead Officer Parent Carer rep Rep Representative Psychologist Commissioner ' +
    'Principal Deputy Adviser Advisor Coordinator Co-ordinator SENCo SENCO Director Chair Governor Health EP ' +
    'Primary Secondary Special School Senior Assistant Consultant Practitioner Worker Therapist support Support'
  ).split(' '),
);
const PLACEHOLDERS = /^(tbc|tba|tbd|vacant|vacancy)$/i;
const SUB = /^\((sub|substitute)\)$/i;
const LINKING = new Set(['for', 'and', 'of', 'in', 'the', 'to', '&']);
const ORGANISATION_NOUNS = /\b(Group|Board|Team|Service|Services|Forum|Partnership|Panel|Network|Committee|Council)$/;

/** A name word: "Sue", "Bal-Richards", "McGovern", "deGraft-Hansen", "O'Neill". */
const NAME_WORD = /^(?:[A-Z][a-z'’]+(?:[A-Z][a-z'’]+)?|[a-z]{1,3}[A-Z][a-z'’]+)(?:-[A-Z][a-z'’]+)*$/;

/** Collects whole roles and role words from every people cell. */
export function learnRoles(peopleCells: string[]): RoleLexicon {
  const roles = new Set<string>();
  const roleWords = new Set(ROLE_HEADS);
  for (const cell of peopleCells) {
    for (const block of cellBlocks(cell)) {
      const segments = block.text.split(/,\s+/);
      if (segments.length < 2) continue;
      const role = segments[segments.length - 1]!.trim();
      roles.add(role);
      for (const word of role.split(/\s+/)) if (!LINKING.has(word)) roleWords.add(word);
    }
  }
  return { roles, roleWords };
}

/** One people cell (or a continuation of one). `organisation` is a leading body named without a role. */
export interface ParsedPeople {
  organisation?: string;
  people: ParsedPerson[];
}

/** Parses a people cell; `allowOrganisation` lets a long first name segment start with a body's name. */
export function parsePeopleCell(cell: string, lexicon: RoleLexicon, allowOrganisation: boolean): ParsedPeople {
  const result: ParsedPeople = { people: [] };
  for (const [blockIndex, block] of cellBlocks(cell).entries()) {
    const segments = block.text.split(/,\s+/).map((s) => s.trim()).filter((s) => s !== '');
    let current = startPerson(segments[0] ?? '');
    if (allowOrganisation && blockIndex === 0 && result.people.length === 0) {
      const split = splitOrganisation(segments[0] ?? '', lexicon);
      if (split) {
        result.organisation = split.organisation;
        current = split.person;
      }
    }
    let pendingRole = '';
    for (let i = 1; i < segments.length; i++) {
      const segment = pendingRole === '' ? segments[i]! : `${pendingRole}, ${segments[i]}`;
      if (i === segments.length - 1) {
        current.role = segment;
        break;
      }
      const split = splitRoleAndName(segment, lexicon);
      if (split === null) {
        pendingRole = segment;
        continue;
      }
      pendingRole = '';
      current.role = split.role;
      result.people.push(current);
      current = split.person;
    }
    result.people.push(current);
  }
  return result;
}

function startPerson(text: string): ParsedPerson {
  const words = text.split(/\s+/);
  const substitute = SUB.test(words[words.length - 1] ?? '');
  const name = (substitute ? words.slice(0, -1) : words).join(' ');
  return withFlags(name, '', substitute);
}

function withFlags(name: string, role: string, substitute: boolean): ParsedPerson {
  const person: ParsedPerson = { name, role };
  if (substitute) person.substitute = true;
  if (PLACEHOLDERS.test(name)) person.toBeConfirmed = true;
  return person;
}

interface Split {
  role: string;
  person: ParsedPerson;
}

/** Splits "Primary Head Mary Ann Cooper (Sub)" into role and person, or null if no split is plausible. */
export function splitRoleAndName(segment: string, lexicon: RoleLexicon): Split | null {
  let words = segment.split(/\s+/);
  const substitute = SUB.test(words[words.length - 1] ?? '');
  if (substitute) words = words.slice(0, -1);
  let best: { split: Split; score: number } | null = null;
  for (const k of [2, 3, 1]) {
    if (words.length <= k) continue;
    const nameWords = words.slice(-k);
    const role = words.slice(0, -k).join(' ');
    const valid = k === 1 ? PLACEHOLDERS.test(nameWords[0]!) : nameWords.every((w) => isNameWord(w, lexicon));
    if (!valid || !isPlausibleRole(role)) continue;
    const score = roleScore(role, lexicon);
    if (best === null || score > best.score) {
      best = { split: { role, person: withFlags(nameWords.join(' '), '', substitute) }, score };
    }
  }
  return best?.split ?? null;
}

function isNameWord(word: string, lexicon: RoleLexicon): boolean {
  return NAME_WORD.test(word) && !lexicon.roleWords.has(word);
}

function isPlausibleRole(role: string): boolean {
  const last = role.split(/\s+/).pop() ?? '';
  return role !== '' && !LINKING.has(last.toLowerCase());
}

function roleScore(role: string, lexicon: RoleLexicon): number {
  if (lexicon.roles.has(role)) return 3;
  const last = role.split(/\s+/).pop() ?? '';
  return lexicon.roleWords.has(last) ? 2 : 1;
}

/** "SEND Business Group Lesley Spence": a body named in front of the first person, with no comma between. */
function splitOrganisation(segment: string, lexicon: RoleLexicon): { organisation: string; person: ParsedPerson } | null {
  const words = segment.split(/\s+/);
  if (words.length <= 3) return null;
  for (const k of [2, 3]) {
    const nameWords = words.slice(-k);
    const organisation = words.slice(0, -k).join(' ');
    if (nameWords.every((w) => isNameWord(w, lexicon)) && ORGANISATION_NOUNS.test(organisation)) {
      return { organisation, person: withFlags(nameWords.join(' '), '', false) };
    }
  }
  return null;
}
