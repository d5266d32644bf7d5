/**
 * The chat commands, parsed in one place: a message is a command when it starts with a command word
 * (`status`, `update`, `follow`, `grant`, `raise concern`…); everything else is a question for the
 * answering pipeline. The help card offers the common ones as buttons, so nobody has to remember them.
 */
import { parseDateOnOrBefore } from '../language/dates';

export type Command =
  | { kind: 'help' }
  /** `status` alone is the dashboard; `status <name>` one workstream. */
  | { kind: 'status'; target?: string }
  | { kind: 'overdue' }
  | { kind: 'changes'; since: string; sinceText: string }
  | { kind: 'mine' }
  | { kind: 'update'; target: string }
  | { kind: 'follow'; target: string }
  | { kind: 'unfollow'; target: string }
  | { kind: 'following' }
  /** The words after `grant`/`revoke`, for the roles route to read with the message's @mention. */
  | { kind: 'grant' | 'revoke'; rest: string }
  | { kind: 'roles' }
  | { kind: 'raise-concern' }
  | { kind: 'concerns' }
  | { kind: 'subscribe-concerns' }
  | { kind: 'unsubscribe-concerns' }
  /** `paper`: make the SEND Executive's meeting paper. */
  | { kind: 'paper' };

export type CommandKind = Command['kind'];

/** Lower case, mention markup gone, polite padding and closing punctuation trimmed. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:please|pls|hey|hi|ok|okay)\b[\s,]*/, '')
    .replace(/[\s,]*\b(?:please|thanks|thank you)$/, '')
    .replace(/[?.!\s]+$/, '')
    .trim();
}

/** `all`, `everything`, `all workstreams` → all; otherwise the name as typed. */
const targetOf = (rest: string): string => (/^(?:all|every|everything|all (?:the )?workstreams|every workstream)$/.test(rest) ? 'all' : rest);

/**
 * The command a message is, or undefined for a question. `today` (YYYY-MM-DD) anchors relative dates
 * ("changes since Monday").
 */
export function parseCommand(text: string, today: string): Command | undefined {
  const t = normalise(text);
  if (!t) return undefined;
  if (t === 'help' || t === '?' || t === 'what can you do' || t === 'commands') return { kind: 'help' };

  const [first = '', ...restWords] = t.split(' ');
  const rest = restWords.join(' ');
  switch (first) {
    case 'status':
    case 'dashboard':
      return rest && first === 'status' ? { kind: 'status', target: rest.replace(/^(?:of|for)\s+/, '') } : { kind: 'status' };
    case 'overdue':
      return rest ? undefined : { kind: 'overdue' };
    case 'update':
      return rest ? { kind: 'update', target: rest } : undefined;
    case 'follow':
      return rest ? { kind: 'follow', target: targetOf(rest) } : undefined;
    case 'unfollow':
      return rest ? { kind: 'unfollow', target: targetOf(rest) } : undefined;
    case 'following':
      return rest ? undefined : { kind: 'following' };
    case 'grant':
    case 'revoke':
      return { kind: first, rest };
    case 'roles':
      return rest ? undefined : { kind: 'roles' };
    case 'concerns':
      return rest ? undefined : { kind: 'concerns' };
    case 'open':
      return rest === 'concerns' ? { kind: 'concerns' } : undefined;
    case 'subscribe':
      return rest === 'concerns' ? { kind: 'subscribe-concerns' } : undefined;
    case 'unsubscribe':
      return rest === 'concerns' ? { kind: 'unsubscribe-concerns' } : undefined;
    case 'raise':
      return /^(?:a )?concern$/.test(rest) ? { kind: 'raise-concern' } : undefined;
    case 'my':
      return rest === 'workstreams' ? { kind: 'mine' } : undefined;
    case 'paper':
      return rest ? undefined : { kind: 'paper' };
    case 'meeting':
      return rest === 'paper' ? { kind: 'paper' } : undefined;
  }
  // The two report commands also read as the questions they are: "what's overdue?", "what changed since 1 March?".
  const report = t.replace(/^(?:what(?:'s| is| has| have)?|whats|is|are|anything|any)\s+/, '');
  if (report === 'overdue') return { kind: 'overdue' };
  const since = /^(?:changes|changed|updates|new) since (.+)$/.exec(report);
  if (since?.[1]) {
    const date = parseDateOnOrBefore(since[1], today);
    if (date) return { kind: 'changes', since: date, sinceText: since[1] };
  }
  return undefined;
}
