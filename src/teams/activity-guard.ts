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

// Botbuilder copies the sender, recipient, conversation and locale into every reply, and its serializer
// refuses a reply whose copied fields have the wrong types: so they are checked here, on the way in.
const account = z
  .object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional(), role: z.string().optional() })
  .passthrough();

const conversationAccount = z
  .object({
    // It travels in URL paths and a request header of every reply: Teams' ids are printable ASCII.
    id: z
      .string()
      .min(1)
      .max(1024)
      .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces'),
    name: z.string().optional(),
    isGroup: z.boolean().optional(),
    conversationType: z
      .enum(['personal', 'groupChat', 'channel'], { errorMap: () => ({ message: 'must be personal, groupChat or channel' }) })
      .optional(),
    tenantId: z.string().optional(),
  })
  .passthrough();

const objects = z.array(z.record(z.unknown()));
// An entity is typed ("mention", "clientInfo"…): botbuilder reads every entity's type to find mentions, and one without
// a string type failed deep inside the turn.
const entities = z.array(
  z.object({ type: z.string({ required_error: 'type is required', invalid_type_error: 'type must be a string' }) }).passthrough(),
);

const activitySchema = z
  .object({
    type: z.string({ required_error: 'type is required' }),
    id: z.string().optional(),
    serviceUrl: z
      .string({ required_error: 'serviceUrl is required' })
      .url('serviceUrl must be a URL')
      .refine((u) => /^https?:\/\//i.test(u), 'serviceUrl must be an http(s) URL'),
    channelId: z.string({ required_error: 'channelId is required' }).min(1),
    from: account.optional(),
    recipient: account.optional(),
    conversation: conversationAccount.optional(),
    text: z.string().optional(),
    textFormat: z.string().optional(),
    locale: z.string().optional(),
    replyToId: z.string().optional(),
    action: z.string().optional(),
    deliveryMode: z.string().optional(),
    name: z.string().optional(),
    value: z.unknown().optional(),
    channelData: z.record(z.unknown()).optional(),
    entities: entities.optional(),
    attachments: objects.optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
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

/** The payloads of the invokes the bot handles, as Teams sends them. */
const feedbackValue = z.object({
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']), feedback: z.union([z.string(), z.record(z.unknown())]).optional() }).passthrough(),
});
const invokeValues = new Map<string, z.ZodType>([
  [
    'adaptiveCard/action',
    z.object({ action: z.object({ type: z.string().optional(), verb: z.string(), data: z.unknown().optional() }).passthrough() }).passthrough(),
  ],
  [
    'message/submitAction',
    z
      .object({ actionName: z.string() })
      .passthrough()
      .superRefine((v, ctx) => {
        if (v.actionName !== 'feedback') return;
        for (const issue of feedbackValue.safeParse(v).error?.issues ?? []) ctx.addIssue(issue);
      }),
  ],
]);

function checkInvokeValue(name: string | undefined, value: unknown): void {
  if (value === undefined || value === null) throw badRequest(`The invoke activity${name ? ` "${name}"` : ''} has no value.`);
  const schema = name ? invokeValues.get(name) : undefined;
  const parsed = schema?.safeParse(value);
  if (parsed && !parsed.success) {
    const fields = parsed.error.issues.map((i) => `value.${i.path.join('.')}: ${i.message}`);
    throw badRequest(`Not a valid "${name}" invoke (${fields.join('; ')}).`, { fields });
  }
}

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
  // Turn state is keyed by the sender's and the bot's ids; Teams always names both.
  if (!a.from) throw badRequest('Not a valid activity (from: from.id is required).');
  if (!a.recipient) throw badRequest('Not a valid activity (recipient: recipient.id is required).');
  if (a.type === 'invoke') checkInvokeValue(a.name, a.value);
  const activity = body as Record<string, unknown>;
  for (const [field, raw] of dateFields) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return body as Activity;
}
