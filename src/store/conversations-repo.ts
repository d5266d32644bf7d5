/**
 * Where the bot can speak: one row per conversation it is installed in, holding the full
 * ConversationReference so proactive messages can be sent later, from any instance.
 */
import { json, onlyRow, optional, toDate } from './sql-values';
import type { Queryable } from './store-types';

export const conversationTypes = ['personal', 'groupChat', 'channel'] as const;
export type ConversationType = (typeof conversationTypes)[number];

/** The botbuilder `ConversationReference`, kept as the JSON Teams gave us. */
export type ConversationReferenceJson = Record<string, unknown>;

export interface ConversationRecord {
  conversationId: string;
  conversationType: ConversationType;
  serviceUrl: string;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
  /** For a personal chat: the user's AAD object id, so a person's chat can be found by who they are. */
  userAadObjectId?: string;
  reference: ConversationReferenceJson;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type ConversationUpsert = Omit<ConversationRecord, 'active' | 'createdAt' | 'updatedAt'> & {
  /**
   * Whether `serviceUrl` was vouched for by an authenticated request. An existing conversation keeps its
   * stored serviceUrl (also inside its reference) unless the new one is verified, so an unauthenticated
   * turn cannot redirect later proactive messages elsewhere. A new conversation takes it either way.
   */
  serviceUrlVerified?: boolean;
};

interface ConversationRow {
  conversation_id: string;
  conversation_type: ConversationType;
  service_url: string;
  tenant_id: string | null;
  team_id: string | null;
  channel_id: string | null;
  user_aad_object_id: string | null;
  reference: ConversationReferenceJson;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `conversation_id, conversation_type, service_url, tenant_id, team_id, channel_id,
  user_aad_object_id, reference, active, created_at, updated_at`;

const toRecord = (row: ConversationRow): ConversationRecord => ({
  conversationId: row.conversation_id,
  conversationType: row.conversation_type,
  serviceUrl: row.service_url,
  tenantId: optional(row.tenant_id),
  teamId: optional(row.team_id),
  channelId: optional(row.channel_id),
  userAadObjectId: optional(row.user_aad_object_id),
  reference: row.reference,
  active: row.active,
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
});

/** Records (or refreshes) a conversation and marks it active: every install and every turn may call this. */
export async function upsertConversation(db: Queryable, conversation: ConversationUpsert): Promise<ConversationRecord> {
  const rows = await db.query<ConversationRow>(
    `INSERT INTO conversations (conversation_id, conversation_type, service_url, tenant_id, team_id, channel_id,
       user_aad_object_id, reference)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
     ON CONFLICT (conversation_id) DO UPDATE SET
       conversation_type = EXCLUDED.conversation_type,
       service_url = CASE WHEN $9::boolean THEN EXCLUDED.service_url ELSE conversations.service_url END,
       tenant_id = EXCLUDED.tenant_id,
       team_id = EXCLUDED.team_id,
       channel_id = EXCLUDED.channel_id,
       user_aad_object_id = COALESCE(EXCLUDED.user_aad_object_id, conversations.user_aad_object_id),
       reference = CASE WHEN $9::boolean THEN EXCLUDED.reference
                   ELSE jsonb_set(EXCLUDED.reference, '{serviceUrl}', to_jsonb(conversations.service_url)) END,
       active = true,
       updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      conversation.conversationId,
      conversation.conversationType,
      conversation.serviceUrl,
      conversation.tenantId ?? null,
      conversation.teamId ?? null,
      conversation.channelId ?? null,
      conversation.userAadObjectId ?? null,
      json(conversation.reference),
      conversation.serviceUrlVerified ?? true,
    ],
  );
  return toRecord(onlyRow(rows));
}

export async function getConversation(db: Queryable, conversationId: string): Promise<ConversationRecord | undefined> {
  const [row] = await db.query<ConversationRow>(`SELECT ${COLUMNS} FROM conversations WHERE conversation_id = $1`, [conversationId]);
  return row ? toRecord(row) : undefined;
}

/** The conversations among `ids` that exist (active or not), in no particular order. */
export async function listConversations(db: Queryable, ids: readonly string[]): Promise<ConversationRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<ConversationRow>(`SELECT ${COLUMNS} FROM conversations WHERE conversation_id = ANY($1::text[])`, [[...ids]]);
  return rows.map(toRecord);
}

/** The person's personal chat with the bot, if they have one. */
export async function findPersonalConversation(db: Queryable, userAadObjectId: string): Promise<ConversationRecord | undefined> {
  const [row] = await db.query<ConversationRow>(
    `SELECT ${COLUMNS} FROM conversations
     WHERE user_aad_object_id = $1 AND conversation_type = 'personal' AND active
     ORDER BY updated_at DESC LIMIT 1`,
    [userAadObjectId],
  );
  return row ? toRecord(row) : undefined;
}

/** The bot was removed (or Teams says the conversation is gone): stop sending there. True when it was active. */
export async function markConversationInactive(db: Queryable, conversationId: string): Promise<boolean> {
  const rows = await db.query(`UPDATE conversations SET active = false, updated_at = now() WHERE conversation_id = $1 AND active RETURNING 1`, [
    conversationId,
  ]);
  return rows.length > 0;
}
