/**
 * What a question about the workstreams asks for: its intent, any role it filters members by
 * ("which secondary heads…"), and whether it leans on the previous turn ("who else is on it?").
 */
import stem from 'wink-porter2-stemmer';
import { STOPWORDS, type Token } from './workstream-match.js';

export type Intent = 'overview' | 'lead' | 'milestone' | 'members' | 'outcomes' | 'position' | 'actions' | 'summary';

const INTENTS: [Intent, RegExp][] = [
  ['overview', /\b(overview|all (of )?(the )?(send )?work ?streams|list (of )?(all )?(the )?(send )?work ?streams|what (send )?work ?streams (are there|exist|do we have)|(which|what) are the (send )?work ?streams|how many (send )?work ?streams|work ?streams and (their )?leads)\b/],
  ['lead', /\bwho (leads|is leading|is the lead|heads up|chairs|runs|is in charge|is responsible)\b|\bwho s (the )?lead(ing)?\b|\b(lead|leader|chair) (of|for)\b|\bwho is lead\b|\bled by\b/],
  ['milestone', /\b(by )?when\b|\bdeadlines?\b|\bmilestones?\b|\bdue\b|\btimelines?\b|\btimescales?\b|\bnext steps?\b|\bdates?\b|\bhow long\b/],
  ['members', /\bwho (else )?(is|are|sits?|serves?) (on|in)\b|\bmembers?(hip)?\b|\brepresentatives?\b|\bwho (else )?is involved\b|\bwho else\b|\bwho (are|is) (the )?(people|reps?)\b|\bwho is part of\b|\bwho s on\b|\bwho works? on\b/],
  ['outcomes', /\boutcomes?\b|\bachieve\b|\bintended results?\b|\bsuccess\b|\bimpact\b|\bexpected results?\b|\bdifference\b/],
  ['position', /\bwhere (does|do|is|are) .*\bstand\b|\bprogress\b|\bcurrent (position|status|state)\b|\bstatus\b|\bupdates?\b|\bhow (is|are) .*\b(going|getting on|progressing)\b|\bwhat has (happened|been done)\b|\bso far\b|\blatest\b|\bposition\b|\bwhere .* (up to|at)\b/],
  ['actions', /\bwhat will .*\bdo\b|\bwhat (is|are) .*\b(doing|going to do|working on)\b|\bwill be done\b|\b(aims?|plans?|actions?|objectives?|remit|purpose|scope|tasks?|priorities|goals?)\b|\bwhat does .*\b(do|cover|involve)\b|\bwhat is .*\bfor\b|\bresponsible for\b/],
  ['summary', /\btell me (about|more)\b|\bdescribe\b|\bsummar(y|ise|ize)\b|\bwhat about\b|\bexplain\b|\bwhat is the .*\bwork ?stream\b|\bdetails?\b/],
];

/** The intents a question carries, strongest first. */
export function intentsOf(normalised: string): Intent[] {
  return INTENTS.filter(([, pattern]) => pattern.test(normalised)).map(([intent]) => intent);
}

/** Asking about a person: their role, or which workstreams they sit on. */
export const PERSON_QUESTION = /\brole\b|\bwho is\b|\bwho s\b|\bwhat does .*\bdo\b|\bjob\b|\bwork ?streams?\b|\binvolved\b|\bsits?\b|\bon\b|\bmember\b|\bpart of\b|\bposition\b|\btitle\b|\bwhere\b/;
/** Asking about a person's role rather than their workstreams. */
export const ROLE_QUESTION = /\brole\b|\bwho is\b|\bwho s\b|\bjob\b|\bwhat does .*\bdo\b|\btitle\b/;

/** Canonical role words for the forms people type. */
const ROLE_SYNONYMS: Record<string, string> = {
  heads: 'head', headteacher: 'head', headteachers: 'head',
  parents: 'parent', carer: 'parent', carers: 'parent',
  eps: 'ep', psychologist: 'ep', psychologists: 'ep',
  sencos: 'senco', reps: 'rep', managers: 'manager', officers: 'officer', commissioners: 'commissioner',
  deputies: 'deputy', schools: 'school', subs: 'substitute', sub: 'substitute', substitutes: 'substitute',
};
/** Member categories a question can filter by; anything else in a role ("Lead", "County") is not a category. */
const CATEGORY_WORDS = new Set(
  'parent head primary secondary special school esc pru post 16 rep ep senco dspl manager officer commissioner deputy health hfl sen substitute'.split(' '),
);

/** Whether a question word names a member category ("EPs", "special", "school", "DSPL"). */
export const isCategoryToken = (t: Token): boolean => CATEGORY_WORDS.has(ROLE_SYNONYMS[t.norm] ?? t.norm);

/** Canonical role words of a role as written: "Principal Educational Psychologist" → principal, educational, ep. */
export function roleWords(role: string): Set<string> {
  return new Set(
    role
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '')
      .map((w) => ROLE_SYNONYMS[w] ?? w),
  );
}

/** A filter on members: every word must be in the role ("secondary head"), plus "(Sub)" if asked. */
export interface RoleFilter {
  words: string[];
  substitute: boolean;
  /** How the question put it ("secondary heads"), to echo back. */
  phrase: string;
}

/** The member category a question names, from the words not already read as a workstream or person. */
export function roleFilterOf(tokens: Token[], taken: Set<number>): RoleFilter | undefined {
  const words: string[] = [];
  const phrase: string[] = [];
  let substitute = false;
  for (const t of tokens) {
    if (taken.has(t.index)) continue;
    let word = ROLE_SYNONYMS[t.norm] ?? t.norm;
    if (word === 'educational' && ROLE_SYNONYMS[tokens[t.index + 1]?.norm ?? ''] === 'ep') continue;
    if (t.norm === 'post-16') word = 'post';
    if (!CATEGORY_WORDS.has(word)) continue;
    phrase.push(t.raw);
    if (word === 'substitute') substitute = true;
    else if (!words.includes(word)) words.push(word);
    if (t.norm === 'post-16') words.push('16');
  }
  // "parent reps": "rep" is only a category of its own in "Post 16 rep"
  if (words.includes('rep') && words.some((w) => !['rep', 'post', '16'].includes(w))) words.splice(words.indexOf('rep'), 1);
  if (words.length === 0 && !substitute) return undefined;
  return { words, substitute, phrase: phrase.join(' ') };
}

/** Whether a role (and substitute flag) fits the filter. "head" means a headteacher: Head ends the role. */
export function fitsRole(filter: RoleFilter, role: string, substitute: boolean): boolean {
  if (filter.substitute && !substitute) return false;
  const have = roleWords(role);
  return filter.words.every((w) => (w === 'head' ? /\bhead$/i.test(role.trim()) : have.has(w)));
}

const PRONOUN_WORKSTREAM = /\b(it|its|this work ?stream|that work ?stream|the work ?stream|this one|that one|same work ?stream|they|them|their|there)\b/;
const PRONOUN_PERSON = /\b(he|she|him|her|his|hers)\b/;

/** Whether the question points back to the last workstream or person. */
export function pointsBack(normalised: string): { workstream: boolean; person: boolean } {
  return { workstream: PRONOUN_WORKSTREAM.test(normalised), person: PRONOUN_PERSON.test(normalised) };
}

/** Words that carry the question's intent rather than its subject. */
const FUNCTION_WORDS = new Set(
  (
    'who whos leads lead leading led else on it its workstream workstreams work stream streams what whats which when where how ' +
    'milestone milestones next deadline due date dates timeline timescale step steps outcomes outcome will be done do doing ' +
    'does position status progress update updates latest stand current involved members member representatives ' +
    'representative list people sit sits and also about tell me more summary plans plan aims aim actions action objectives ' +
    'so far happened one there any more'
  ).split(' '),
);

/** Stemmed words of the question that name a subject: empty for "and the parents?" or "what's next?". */
export function subjectWords(tokens: Token[], taken: Set<number>): string[] {
  return tokens
    .filter((t) => !taken.has(t.index) && !STOPWORDS.has(t.norm) && !FUNCTION_WORDS.has(t.norm) && !CATEGORY_WORDS.has(ROLE_SYNONYMS[t.norm] ?? t.norm))
    .map((t) => stem(t.norm));
}

/** Stems of the content words of a text, for overlap scoring. */
export function contentStems(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/['’]s\b/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOPWORDS.has(w))
      .map((w) => stem(w)),
  );
}
