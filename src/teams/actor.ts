/**
 * Who sent an activity. Roles are keyed by the person's AAD object id (`from.aadObjectId`), which Teams
 * supplies; `from.id` is a channel account id that other channels let the caller choose, so it never
 * stands in for one. Without an AAD object id a person holds no roles, and their id for the record is
 * `unverified:<from.id>`, which no role or admin entry can match.
 */
import type { Activity } from 'botbuilder';

export interface TeamsActor {
  /** AAD object id, or `unverified:<from.id>` when there is none. */
  id: string;
  /** Set only when the activity carries one: the only id roles are looked up by. */
  aadObjectId?: string;
  name: string;
  /** Teams channel account id ("29:…"), for card refresh and mentions. */
  mri?: string;
}

export function actorFrom(activity: Partial<Activity>): TeamsActor {
  const from = activity.from;
  const aadObjectId = typeof from?.aadObjectId === 'string' && from.aadObjectId.trim() ? from.aadObjectId : undefined;
  const mri = typeof from?.id === 'string' ? from.id : undefined;
  const name = typeof from?.name === 'string' && from.name.trim() ? from.name : 'Someone';
  return { id: aadObjectId ?? `unverified:${mri ?? 'unknown'}`, aadObjectId, name, mri };
}
