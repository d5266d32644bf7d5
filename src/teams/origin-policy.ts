/**
 * Where an activity may come from: the channels the bot serves (`ALLOWED_CHANNELS`, Microsoft Teams
 * only by default) and, when `ALLOWED_TENANTS` is set, those Microsoft 365 tenants only. Roles are keyed
 * by AAD object id, which only Teams supplies; another channel (webchat, directline, emulator) would let
 * a caller name any `from.id`, so such activities are refused before any route sees them.
 */
import type { Activity } from 'botbuilder';
import { forbidden } from '../http/http-errors';

export interface OriginPolicy {
  /** Bot Framework channel ids accepted; default `['msteams']`. */
  allowedChannels: readonly string[];
  /** Tenant ids accepted; empty accepts any tenant. */
  allowedTenants: readonly string[];
}

export const defaultOriginPolicy: OriginPolicy = { allowedChannels: ['msteams'], allowedTenants: [] };

/** The Microsoft 365 tenant an activity says it comes from (Teams puts it in channelData and conversation). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData) return fromChannelData;
  const fromConversation = activity.conversation?.tenantId;
  return typeof fromConversation === 'string' && fromConversation ? fromConversation : undefined;
}

/** Throws 403 when the activity's channel or tenant is not one the bot serves. */
export function checkOrigin(activity: Partial<Activity>, policy: OriginPolicy): void {
  if (!policy.allowedChannels.includes(activity.channelId ?? '')) {
    throw forbidden(`This bot only serves the channel${policy.allowedChannels.length === 1 ? '' : 's'} ${policy.allowedChannels.join(', ')}.`);
  }
  if (policy.allowedTenants.length === 0) return;
  const tenant = tenantOf(activity);
  // Both places Teams names the tenant must agree: one forged field must not pass while the other differs.
  const named = [(activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id, activity.conversation?.tenantId].filter(
    (t): t is string => typeof t === 'string' && t !== '',
  );
  if (!tenant || named.some((t) => !policy.allowedTenants.includes(t))) {
    throw forbidden('This bot does not serve your organisation (tenant).');
  }
}
