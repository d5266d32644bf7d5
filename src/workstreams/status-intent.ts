/**
 * Which workstream request a message is, if any. Only status-like requests are claimed here, so a plain
 * question such as "Who leads the autism workstream?" still reaches the question answerer.
 */
export type StatusIntent =
  | { kind: 'dashboard' }
  /**
   * `explicit` is true for the `status <name>` command: an unknown name gets a reply. A natural phrasing
   * ("what's the status of …") is only claimed if the name turns out to be a workstream.
   */
  | { kind: 'workstream'; query: string; explicit: boolean }
  | { kind: 'overdue' }
  | { kind: 'changes'; since: string; sinceText: string }
  | { kind: 'mine' }
  | { kind: 'update'; query: string }
  | { kind: 'follow'; query: string | 'all' }
  | { kind: 'unfollow'; query: string | 'all' }
  | { kind: 'following' };

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Strips polite padding and trailing punctuation so the patterns below stay simple. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/^(?:please|pls|hey|hi|ok|okay)\b[\s,]*/g, '')
    .replace(/[\s,]*\b(?:please|thanks|thank you)\s*$/g, '')
    .replace(/[?.!\s]+$/g, '')
    .trim();
}

/** "the autism workstream" → "autism"; "SEN support in schools" → unchanged. */
function nameOf(raw: string): string {
  return raw
    .replace(/^(?:the|our)\s+/, '')
    .replace(/\s+(?:work\s?stream|ws)s?$/, '')
    .replace(/\s+(?:doing|going|getting on)$/, '')
    .trim();
}

/**
 * Classifies one cleaned message. `today` (YYYY-MM-DD) anchors relative dates such as "since Monday"
 * or "since 1 March" (the most recent 1 March on or before today).
 */
export function parseStatusIntent(text: string, today: string): StatusIntent | undefined {
  const t = normalise(text);
  if (!t) return undefined;

  let m = t.match(/^(follow|unfollow)\s+(.+)$/);
  if (m) {
    const target = m[2].replace(/^(?:the\s+)?(?:all|every|all (?:the )?workstreams|every workstream|everything)$/, 'all');
    const query = target === 'all' ? 'all' : nameOf(target);
    return m[1] === 'follow' ? { kind: 'follow', query } : { kind: 'unfollow', query };
  }
  if (/^(?:what (?:am i|are we|is this (?:chat|channel)) following|following|subscriptions)$/.test(t)) return { kind: 'following' };

  m = t.match(/^update\s+(?:status\s+(?:of|for)\s+)?(.+)$/);
  if (m) return { kind: 'update', query: nameOf(m[1]) };

  if (/^(?:status|dashboard|workstreams?|(?:workstream|send) (?:status|dashboard)|show (?:me )?(?:the )?(?:workstream |send )?(?:dashboard|status)|(?:show|list) (?:me )?(?:all )?(?:the )?workstreams|how are (?:all )?(?:the )?workstreams (?:doing|going)|(?:what is|what's) the status of (?:all )?(?:the )?workstreams)$/.test(t)) {
    return { kind: 'dashboard' };
  }
  if (/^(?:my workstreams|(?:show|list) (?:me )?my workstreams|which workstreams (?:am i|do i) (?:on|lead|in|follow)|what (?:are )?my workstreams)$/.test(t)) {
    return { kind: 'mine' };
  }
  if (/^(?:overdue|(?:what|what's|what is|which (?:workstreams|milestones)?\s*(?:are|is)?)\s*overdue|(?:show|list) (?:me )?(?:the )?overdue(?: workstreams| milestones)?|(?:are )?any (?:workstreams |milestones )?overdue|is anything overdue)$/.test(t)) {
    return { kind: 'overdue' };
  }

  m = t.match(/^(?:what(?:'s| has| is)? changed|what changes|changes|what(?:'s| is| has been)? (?:new|updated)|updates|any updates)\s+since\s+(.+)$/);
  if (m) {
    const since = parseSince(m[1], today);
    if (since) return { kind: 'changes', since, sinceText: m[1] };
  }
  m = t.match(/^(?:what(?:'s| has)? changed|changes|updates)\s+(this week|this month|today|recently|lately)$/);
  if (m) {
    const since = parseSince(m[1], today);
    if (since) return { kind: 'changes', since, sinceText: m[1] };
  }

  m = t.match(/^status\s+(?:of\s+|for\s+)?(.+)$/);
  if (m) return { kind: 'workstream', query: nameOf(m[1]), explicit: true };
  m =
    t.match(/^(.+?)\s+(?:work\s?stream\s+)?status$/) ??
    t.match(/^(?:show|open|display|give)\s+(?:me\s+)?(?:the\s+)?(.+?)\s+work\s?stream(?:\s+(?:card|status))?$/) ??
    t.match(/^(?:what is|what's) the (?:status|position|progress) (?:of|on) (?:the )?(.+?)(?:\s+work\s?stream)?$/) ??
    t.match(/^how(?:'s| is) (?:the )?(.+?)\s+work\s?stream(?:\s+(?:doing|going|getting on))?$/);
  if (m) return { kind: 'workstream', query: nameOf(m[1]), explicit: false };
  return undefined;
}

/** Turns "1 March", "2026-03-01", "01/03/2026", "last week", "monday" into YYYY-MM-DD, or undefined. */
export function parseSince(raw: string, today: string): string | undefined {
  const s = raw.trim().toLowerCase().replace(/(\d)(?:st|nd|rd|th)\b/g, '$1').replace(/,/g, '');
  const base = new Date(`${today}T12:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const daysAgo = (n: number) => iso(new Date(base.getTime() - n * 86_400_000));

  if (/^today$/.test(s)) return today;
  if (/^yesterday$/.test(s)) return daysAgo(1);
  if (/^(?:last week|a week ago|recently|lately)$/.test(s)) return daysAgo(7);
  // "this week" starts on Monday, as the weekly digest does.
  if (s === 'this week') return daysAgo((base.getUTCDay() + 6) % 7);
  if (/^(?:last|this) month$|^a month ago$/.test(s)) {
    if (s.startsWith('this')) return `${today.slice(0, 8)}01`;
    const d = new Date(base);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return iso(d);
  }
  const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].indexOf(s.replace(/^last\s+/, ''));
  if (weekday >= 0) return daysAgo(((base.getUTCDay() - weekday + 7) % 7) || 7);

  let m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = s.match(/^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/);
  if (m) return withYear(+m[1], +m[2], m[3], today);
  m = s.match(/^(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?$/);
  if (m) return withYear(+m[1], monthOf(m[2]), m[3], today);
  m = s.match(/^([a-z]+)\s+(\d{1,2})(?:\s+(\d{4}))?$/);
  if (m) return withYear(+m[2], monthOf(m[1]), m[3], today);
  m = s.match(/^([a-z]+)(?:\s+(\d{4}))?$/);
  if (m && monthOf(m[1]) > 0) return withYear(1, monthOf(m[1]), m[2], today);
  return undefined;
}

function monthOf(word: string): number {
  if (word.length < 3) return 0;
  return months.findIndex((name) => name.startsWith(word)) + 1;
}

function valid(y: number, mo: number, d: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A day and month without a year mean the latest such date on or before today. */
function withYear(d: number, mo: number, year: string | undefined, today: string): string | undefined {
  if (year) return valid(year.length === 2 ? 2000 + +year : +year, mo, d);
  const thisYear = +today.slice(0, 4);
  const candidate = valid(thisYear, mo, d);
  if (!candidate) return undefined;
  return candidate <= today ? candidate : valid(thisYear - 1, mo, d);
}
