/**
 * Checks a Bot Framework request body before botbuilder sees it, so malformed input gets a 400 that
 * says what is wrong instead of a 500 from deep inside the adapter.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { badRequest } from '../http/http-errors';

/** Activity types the Bot Framework defines; anything else is refused. */
const knownTypes = [
  'message',
  'contactRelationUpdate',
  'conversationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'invokeResponse',
  'deleteUserData',
  'messageUpdate',
  'messageDelete',
  'installationUpdate',
  'messageReaction',
  'suggestion',
  'trace',
  'handoff',
  'command',
  'commandResult',
] as const;

const account = z.object({ id: z.string().min(1) }).passthrough();

const activitySchema = z
  .object({
    type: z.string({ required_error: 'type is required' }),
    serviceUrl: z
      .string({ required_error: 'serviceUrl is required' })
      .url('serviceUrl must be a URL')
      .refine((u) => /^https?:\/\//i.test(u), 'serviceUrl must be an http(s) URL'),
    channelId: z.string({ required_error: 'channelId is required' }).min(1),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z.object({ id: z.string().min(1) }).passthrough().optional(),
    text: z.string().optional(),
    name: z.string().optional(),
    value: z.unknown().optional(),
    timestamp: isoDate('timestamp'),
    localTimestamp: isoDate('localTimestamp'),
    expiration: isoDate('expiration'),
  })
  .passthrough();

/** Botbuilder turns these strings into Dates; one that is not a date would fail later, deep in a turn. */
function isoDate(field: string) {
  return z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), `${field} must be a date and time`)
    .optional();
}

const dateFields = [
  ['timestamp', 'rawTimestamp'],
  ['localTimestamp', 'rawLocalTimestamp'],
  ['expiration', 'rawExpiration'],
] as const;

/**
 * Throws a 400 HttpError naming what is wrong with the body; returns it as an Activity, its date strings
 * turned into Dates as botbuilder's own request handling does.
 */
export function checkActivity(body: unknown): Activity {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object: a Bot Framework activity.');
  }
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw badRequest(`Not a valid activity (${fields.join('; ')}).`, { fields });
  }
  const a = parsed.data;
  if (!(knownTypes as readonly string[]).includes(a.type)) {
    throw badRequest(`Activity type "${a.type}" is not supported.`);
  }
  if (!a.conversation) throw badRequest('Not a valid activity (conversation: conversation.id is required).');
  if (a.type !== 'conversationUpdate' && a.type !== 'installationUpdate' && !a.from) {
    throw badRequest('Not a valid activity (from: from.id is required).');
  }
  if (a.type === 'invoke' && (a.value === undefined || a.value === null)) {
    throw badRequest(`The invoke activity${a.name ? ` "${a.name}"` : ''} has no value.`);
  }
  const activity = body as Record<string, unknown>;
  for (const [field, raw] of dateFields) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return body as Activity;
}
