/**
 * How every capability queues a proactive message. Call these with the `tx` of the transaction that
 * writes the change the message is about (a concern, a status update, a digest run), so the message
 * exists exactly when the change does; the delivery worker sends it afterwards, at Teams' pace.
 *
 * ```ts
 * await store.transaction(async (tx) => {
 *   await insertConcern(tx, concern);
 *   await enqueueToTopic(tx, { topic: 'concerns', dedupeKey: `concern:${concern.id}:raised`, activity });
 * });
 * deliveryWorker.wake(); // optional: send now rather than at the next poll
 * ```
 *
 * `dedupeKey` names the alert, not the attempt: the same key is queued at most once per conversation
 * (UNIQUE(conversation_id, dedupe_key), ON CONFLICT DO NOTHING), so re-running a job or a retried
 * request never posts the same alert twice. Include whatever makes two alerts different (id, event,
 * period), e.g. `deadline:C-12:2025-04-07`, `digest:2025-W15`, `status:ws-3:<status row id>`.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { enqueueOutbox, enqueueReplacements } from '../store/outbox-repo';
import type { Queryable } from '../store/store-types';
import { listSubscribers } from '../store/subscriptions-repo';
import { deliveryPriorities, type DeliveryPriority } from './priorities';

const attachmentSchema = z
  .object({
    contentType: z.string().min(1),
    content: z.unknown().optional(),
    contentUrl: z.string().optional(),
    name: z.string().optional(),
  })
  .passthrough();

/**
 * A plain Bot Framework message activity: text and/or attachments (an Adaptive Card is
 * `{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }`). Other activity fields
 * (`summary`, `channelData`, `entities`, `textFormat`…) pass through unchanged. Addressing fields
 * (conversation, recipient, serviceUrl) are filled in at send time from the stored reference.
 */
export const outboxActivitySchema = z
  .object({
    // A string (not a literal) in the input type, so botbuilder's `Partial<Activity>` fits as it is.
    type: z
      .string()
      .default('message')
      .refine((t) => t === 'message', { message: 'only message activities can be queued' }),
    text: z.string().optional(),
    attachments: z.array(attachmentSchema).optional(),
    channelData: z.record(z.unknown()).optional(),
  })
  .passthrough()
  .refine((a) => Boolean(a.text?.trim()) || Boolean(a.attachments?.length), { message: 'an activity needs text or an attachment' })
  .refine((a) => JSON.stringify(a).length <= 28_000, { message: 'an activity must stay under Teams’ ~28 KB message limit' });

/** What callers pass: botbuilder's own activity type; `outboxActivitySchema` checks it at run time. */
export type OutboxActivity = Partial<Activity>;

export interface EnqueueToConversations {
  conversationIds: readonly string[];
  /** Names the alert; queued at most once per conversation (see the module comment). */
  dedupeKey: string;
  activity: OutboxActivity;
  /** Not before this moment (default: now). */
  notBefore?: Date;
  /** What goes first when Teams' limits make messages wait (default `update`). */
  priority?: DeliveryPriority;
}

export interface EnqueueToTopic {
  /** e.g. `concerns`, `workstream:<slug>`, `workstreams:all`; an array reaches each follower of any once. */
  topic: string | readonly string[];
  dedupeKey: string;
  activity: OutboxActivity;
  notBefore?: Date;
  priority?: DeliveryPriority;
}

export interface EnqueueResult {
  /** Conversations the message was addressed to. */
  addressed: number;
  /** How many of those were newly queued; the rest already had this dedupe key. */
  queued: number;
}

const dedupeKeySchema = z.string().trim().min(1).max(400);

/** Queues `activity` for each of `conversationIds` (duplicates in the list count once). Throws on a malformed activity. */
export async function enqueueToConversations(tx: Queryable, input: EnqueueToConversations): Promise<EnqueueResult> {
  const activity = outboxActivitySchema.parse(input.activity);
  const dedupeKey = dedupeKeySchema.parse(input.dedupeKey);
  const ids = [...new Set(input.conversationIds.filter((id) => id.trim()))];
  const queued = await enqueueOutbox(
    tx,
    ids.map((conversationId) => ({
      conversationId,
      dedupeKey,
      payload: activity,
      notBefore: input.notBefore,
      priority: deliveryPriorities[input.priority ?? 'update'],
    })),
  );
  return { addressed: ids.length, queued };
}

/** Queues `activity` for every conversation actively following `topic` (and still reachable). */
export async function enqueueToTopic(tx: Queryable, input: EnqueueToTopic): Promise<EnqueueResult> {
  // Validate before reading subscribers, so a bad activity fails the same way with or without followers.
  const activity = outboxActivitySchema.parse(input.activity);
  const conversationIds = await listSubscribers(tx, input.topic);
  return enqueueToConversations(tx, { conversationIds, dedupeKey: input.dedupeKey, activity, notBefore: input.notBefore, priority: input.priority });
}

/** A message the bot posted earlier, and what it should now show. */
export interface CopyRewrite {
  conversationId: string;
  /** The id Teams gave the posted message. */
  activityId: string;
  activity: OutboxActivity;
}

/** The copy the current turn has already rewritten itself (skipped). */
export interface SkipCopy {
  conversationId: string;
  activityId?: string;
}

/**
 * Queues a rewrite of each posted copy (a PUT, at Teams' pace like any send). Coalesced: a copy whose
 * earlier rewrite has not gone yet gets only the latest card. A copy Teams no longer has is dropped by the
 * worker (see `DeliveryWorkerOptions.onCopyGone`). Returns how many copies were queued.
 */
export async function enqueueReplacement(
  tx: Queryable,
  rewrites: readonly CopyRewrite[],
  priority: DeliveryPriority = 'refresh',
  skip?: SkipCopy,
): Promise<number> {
  const wanted = rewrites.filter((r) => !(skip && r.conversationId === skip.conversationId && r.activityId === skip.activityId));
  return enqueueReplacements(
    tx,
    wanted.map((r) => ({
      conversationId: r.conversationId,
      targetActivityId: r.activityId,
      payload: outboxActivitySchema.parse(r.activity),
      priority: deliveryPriorities[priority],
    })),
  );
}
