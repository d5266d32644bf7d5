/**
 * The chat commands, parsed in one place: a message is a command when it starts with a command word
 * (`status`, `update`, `follow`, `grant`, `raise concern`…); everything else is a question for the
 * answering pipeline. The help card offers the common ones as buttons, so nobody has to remember them.
 */
import type { GrantableRole } from '../access/permissions';
import { parseDateOnOrBefore } from '../language/dates';
import { cleanMessageText } from './message-text';

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
  | { kind: 'unsubscribe-concerns' };

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
    case 'list':
      return rest === 'roles' ? { kind: 'roles' } : undefined;
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
  }
  if (/^who has (?:which|what) roles?$/.test(t)) return { kind: 'roles' };
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

/**
 * The command a Teams message activity is, when it is one of `kinds` (a route's selector and handler
 * both ask); undefined for other activities, other commands and questions.
 */
export function messageCommand<K extends CommandKind>(
  activity: { type?: string; text?: string },
  kinds: readonly K[],
  today: string,
): Extract<Command, { kind: K }> | undefined {
  if (activity.type !== 'message' || !activity.text) return undefined;
  const command = parseCommand(cleanMessageText(activity.text), today);
  return command && (kinds as readonly CommandKind[]).includes(command.kind) ? (command as Extract<Command, { kind: K }>) : undefined;
}

/** `grant …` / `revoke …` read: the role, and for `lead` the workstream as typed (the person is the @mention). */
export interface RoleChange {
  role: GrantableRole;
  workstream: string;
}

/**
 * The words after `grant` or `revoke` (a `grant`/`revoke` command's `rest`): `lead autism`,
 * `the role of executive`, `officer to`… Undefined when they do not name a role.
 */
export function parseRoleChange(rest: string): RoleChange | undefined {
  const m = /^(?:the\s+)?(?:role\s+)?(executive|officer|lead)\b(?:\s+(?:of|for|on)?\s*(.*?))?\s*(?:(?:to|from)\s*)?$/.exec(rest);
  const role = m?.[1] as GrantableRole | undefined;
  return role ? { role, workstream: (m?.[2] ?? '').trim() } : undefined;
}
