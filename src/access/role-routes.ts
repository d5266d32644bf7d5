/**
 * Chat commands for admins: `grant lead <workstream> @person`, `grant executive @person`,
 * `grant officer @person`, `revoke …` the same way, and `roles` to list who holds what. The person is the
 * message's @mention; every change is audited by the roles repository in the same transaction.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { grantRole, listRoles, revokeRole } from '../store/roles-repo';
import type { Store } from '../store/store-types';
import { actorFrom } from '../teams/actor';
import { literalLine } from '../teams/markdown';
import type { BotApp } from '../teams/bot-app';
import { messageCommand, parseRoleChange } from '../teams/commands';
import { can, grantableRoles, type GrantableRole } from './permissions';
import { roleOf } from './principal';

export interface RoleRouteDeps {
  store: Store;
  admins: readonly string[];
  logger: Logger;
  /** Resolves a workstream named in `grant lead <workstream>`: its slug and name, or a message saying why not. */
  findWorkstream: (query: string) => { slug: string; name: string } | { problem: string };
}

interface Mentioned {
  id: string;
  name: string;
  aadObjectId?: string;
}

/** The people @mentioned in the message, other than the bot. */
function mentionedPeople(context: TurnContext): Mentioned[] {
  const botId = context.activity.recipient?.id;
  const out: Mentioned[] = [];
  for (const e of context.activity.entities ?? []) {
    if (e.type !== 'mention') continue;
    const m = (e as { mentioned?: { id?: unknown; name?: unknown; aadObjectId?: unknown } }).mentioned;
    if (!m || typeof m.id !== 'string' || m.id === botId) continue;
    if (out.some((p) => p.id === m.id)) continue;
    // The display name comes from the message: escaped so it renders as a name, not as markdown.
    out.push({
      id: m.id,
      name: literalLine(typeof m.name === 'string' ? m.name : m.id),
      aadObjectId: typeof m.aadObjectId === 'string' ? m.aadObjectId : undefined,
    });
  }
  return out;
}

/**
 * Roles are keyed by AAD object id; Teams mentions carry the `29:` id, so ask Teams when it is missing.
 * Undefined when Teams cannot say: a grant to the `29:` id would never match anyone.
 */
async function aadObjectIdOf(context: TurnContext, person: Mentioned, logger: Logger): Promise<string | undefined> {
  if (person.aadObjectId) return person.aadObjectId;
  try {
    const member = await TeamsInfo.getMember(context, person.id);
    if (member.aadObjectId) return member.aadObjectId;
  } catch (err) {
    logger.warn({ err, memberId: person.id }, 'could not look up the mentioned member');
  }
  return undefined;
}

const roleWords: Record<GrantableRole, string> = { executive: 'SEND Executive member', officer: 'officer', lead: 'lead' };

export function roleRoutes(deps: RoleRouteDeps) {
  // Dates play no part in these commands: any day will do.
  const roleChangeOf = (context: TurnContext) => messageCommand(context.activity, ['grant', 'revoke'] as const, '1970-01-01');
  const isRoles = (context: TurnContext) => messageCommand(context.activity, ['roles'] as const, '1970-01-01') !== undefined;
  return (app: BotApp): void => {
    app.message(
      async (context) => roleChangeOf(context) !== undefined,
      async (context) => {
        const command = roleChangeOf(context);
        if (command) await changeRole(context, command.kind, command.rest);
      },
    );
    app.message(async (context) => isRoles(context), listGrants);
  };

  async function changeRole(context: TurnContext, verb: 'grant' | 'revoke', rest: string): Promise<void> {
    const { id: actorId, aadObjectId } = actorFrom(context.activity);
    const actor = await roleOf(deps.store, deps.admins, aadObjectId);
    if (!can(actor, 'roles:manage')) {
      await context.sendActivity("Only the bot's admins can grant or revoke roles. Ask an admin if someone needs one.");
      return;
    }
    const change = parseRoleChange(rest);
    if (!change) {
      await context.sendActivity(
        `I didn't follow that. Try \`grant lead autism @person\` (any workstream name), \`grant executive @person\`, \`grant officer @person\`, or the same with \`revoke\`. Roles: ${grantableRoles.join(', ')}.`,
      );
      return;
    }
    const { role } = change;
    let scope: { slug: string; name: string } | undefined;
    if (role === 'lead') {
      const found = deps.findWorkstream(change.workstream);
      if ('problem' in found) {
        await context.sendActivity(found.problem);
        return;
      }
      scope = found;
    }
    const people = mentionedPeople(context);
    if (people.length === 0) {
      await context.sendActivity(`@mention the person, e.g. \`${verb} ${role}${scope ? ` ${scope.name}` : ''} @Jane Smith\`.`);
      return;
    }
    const lines: string[] = [];
    for (const person of people) {
      const aadObjectId = await aadObjectIdOf(context, person, deps.logger);
      if (!aadObjectId) {
        lines.push(`I couldn't find ${person.name}'s Microsoft 365 account, so nothing changed for them. Try again in a moment.`);
        continue;
      }
      const what = `${roleWords[role]}${scope ? ` of ${scope.name}` : ''}`;
      if (verb === 'grant') {
        const changed = await grantRole(deps.store, { aadObjectId, role, scope: scope?.slug, grantedBy: actorId });
        lines.push(
          changed ? `${person.name} is now ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}.` : `${person.name} was already ${what}; nothing changed.`,
        );
      } else {
        const changed = await revokeRole(deps.store, { aadObjectId, role, scope: scope?.slug, revokedBy: actorId });
        lines.push(
          changed
            ? `${person.name} is no longer ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}.`
            : `${person.name} was not ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}; nothing changed.`,
        );
      }
    }
    await context.sendActivity(lines.join('\n\n'));
  }

  async function listGrants(context: TurnContext): Promise<void> {
    const actor = await roleOf(deps.store, deps.admins, actorFrom(context.activity).aadObjectId);
    if (!can(actor, 'roles:manage')) {
      await context.sendActivity("Only the bot's admins can list roles.");
      return;
    }
    const grants = await listRoles(deps.store);
    const lines = grants.map(
      (g) => `- ${g.aadObjectId}: ${g.role}${g.scope ? ` (${g.scope})` : ''}, granted by ${g.grantedBy} on ${g.grantedAt.toISOString().slice(0, 10)}`,
    );
    await context.sendActivity(
      [
        `Admins (BOT_ADMINS): ${deps.admins.length ? deps.admins.join(', ') : 'none configured'}`,
        grants.length ? `Granted roles:\n${lines.join('\n')}` : 'No roles granted yet.',
      ].join('\n\n'),
    );
  }
}
