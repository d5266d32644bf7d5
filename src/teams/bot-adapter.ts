/**
 * The Teams adapter, with authentication taken out of `process()` so that it can happen in steps: the
 * token on its own before the body is read, then the token against the activity (its serviceUrl claim),
 * then the turn. `CloudAdapter.process` would do all of it after the body is parsed, and answer a failed
 * check with botbuilder's raw error text (upstream host names, DNS errors) and a 500.
 */
import { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter'; // not the index: see bot-app.ts
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

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
