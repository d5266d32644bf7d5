/**
 * The Teams adapter, with authentication taken out of `process()` so that it can happen in steps: the
 * token on its own before the body is read, then the token against the activity (its serviceUrl claim),
 * then the turn. `CloudAdapter.process` would do all of it after the body is parsed, and answer a failed
 * check with botbuilder's raw error text (upstream host names, DNS errors) and a 500.
 */
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter'; // not the index: see bot-app.ts
import {
  ActivityTypes,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config';
import { HttpError, errorBody } from '../http/http-errors';
import type { Logger } from '../logger';
import { StateWriteError } from '../store/bot-state-storage';
import { allowOpenEntities } from './open-entities';

export class BotAdapter extends TeamsAdapter {
  /**
   * Verifies the `Authorization` token alone — signature, issuer, audience, expiry — for one of the
   * channels the bot accepts (a channel's keys may be endorsed for that channel only). Throws the
   * authentication library's error; see `auth-failure.ts` for what the caller is told.
   */
  async checkToken(authHeader: string, channelIds: readonly string[]): Promise<void> {
    let failure: unknown = new Error('no channel is allowed');
    for (const channelId of channelIds) {
      try {
        await this.botFrameworkAuthentication.authenticateStreamingRequest(authHeader, channelId);
        return;
      } catch (err) {
        failure = err;
      }
    }
    throw failure;
  }

  /** Authenticates the request for this activity (anonymous claims when MicrosoftAppId is empty). */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn for an authenticated activity; returns the invoke response, if any. */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The adapter for this bot's credentials (anonymous when MicrosoftAppId is empty), with the error path
 * every turn shares. Built first: the Teams app, the proactive senders and the delivery worker all use it.
 */
export function createAdapter(bot: Config['bot'], logger: Logger): BotAdapter {
  allowOpenEntities();
  const adapter = new BotAdapter(
    {} as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.appPassword ?? '',
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.tenantId ?? '',
    }),
  );
  adapter.onTurnError = async (context, error) => {
    // A proactive send (continueConversationAsync) must fail to its caller, or the outbox would take a
    // refused or throttled alert for a delivered one.
    if (context.activity.type === ActivityTypes.Event && context.activity.name === 'ContinueConversation') throw error;
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === ActivityTypes.Invoke) {
      // Answer the invoke with the JSON error shape; without an invoke response botbuilder would say 501.
      const body = errorBody(new HttpError(500, 'InternalError', 'Something went wrong on our side; it has been logged.'));
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500, body } });
      return;
    }
    if (context.activity.type === ActivityTypes.Message) {
      // One person's unstorable text fails their own turn's save only (bot-state-storage.ts): say why.
      const text =
        error instanceof StateWriteError && error.unstorable
          ? "I couldn't save our conversation after that message: it contains characters I can't store. Please send it again without them."
          : 'Sorry — something went wrong on my side while answering that. It has been logged; please try again.';
      try {
        await context.sendActivity(text);
      } catch (err) {
        logger.warn({ err }, 'could not tell the user about the failure');
      }
    }
  };
  return adapter;
}
