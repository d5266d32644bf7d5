/**
 * One POST /api/messages, in the order that lets nobody make the bot work for nothing:
 *  1. with an app id, the token is verified before a byte of the body is read (401 / 503);
 *  2. the body is read within limits and every text in it cleaned (body-reader.ts, text-input.ts);
 *  3. the activity is checked (400), and its channel and tenant (403);
 *  4. the token is checked against the activity (its serviceUrl claim), then the turn runs.
 * Failures are HttpErrors; the server turns them into the JSON error shape.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { badRequest } from '../http/http-errors';
import type { RequestBody } from '../http/server';
import type { Logger } from '../logger';
import { checkActivity } from './activity-guard';
import { authFailure, notAuthenticated } from './auth-failure';
import type { BotAdapter } from './bot-adapter';
import { markServiceUrlVerified } from './conversation-reference';
import { checkOrigin, type OriginPolicy } from './origin-policy';

export interface InboundDeps {
  adapter: BotAdapter;
  logger: Logger;
  /** True when MicrosoftAppId is empty: nothing is authenticated. */
  anonymous: boolean;
  origin: OriginPolicy;
  logic: (context: TurnContext) => Promise<void>;
}

export function inboundHandler(deps: InboundDeps): (req: Request, res: Response, body: RequestBody) => Promise<void> {
  const { adapter, logger } = deps;
  const authenticated = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      const failure = authFailure(err);
      if (failure.status === 401) logger.warn({ err }, 'refused a request that is not authenticated');
      else logger.error({ err }, 'could not authenticate a request');
      throw failure;
    }
  };

  return async (req, res, body) => {
    const authHeader = req.header('authorization') ?? '';
    if (!deps.anonymous) {
      if (!/^Bearer \S+$/.test(authHeader)) throw notAuthenticated();
      await authenticated(() => adapter.checkToken(authHeader, deps.origin.allowedChannels));
    }
    const activity: Activity = checkActivity(await body.json({ text: 'clean' }));
    checkOrigin(activity, deps.origin);
    const auth = await authenticated(() => adapter.authenticate(activity, authHeader));
    if (!deps.anonymous) markServiceUrlVerified(activity);

    const invokeResponse = await adapter.runTurn(auth, activity, deps.logic);
    // 501 is botbuilder's answer to an invoke nobody handled: the caller asked for something the bot does not do.
    if (activity.type === 'invoke' && invokeResponse?.status === 501 && invokeResponse.body === undefined) {
      throw badRequest(`This bot does not handle the invoke "${activity.name ?? ''}"${invokeVerb(activity)}.`);
    }
    res.status(invokeResponse?.status ?? 200);
    if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
    res.end();
  };
}

function invokeVerb(activity: Activity): string {
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return typeof verb === 'string' ? ` (verb "${verb.slice(0, 80)}")` : '';
}
