/**
 * Streams a model answer into a personal chat with Teams' streaming protocol. Teams AI's
 * `StreamingResponse` sends the informative update and the streaming updates (streamType,
 * streamSequence, streamId); this class stands between it and the model so that only guarded text
 * is ever streamed, and sends the final message itself — the stream's own final message would carry
 * the raw model text and every source as a citation, where ours carries the checked text and only
 * the sources it uses.
 *
 * Teams AI's planner finds this object at `temp.streamer` and feeds it chunks (`queueTextChunk`);
 * its `endStream` call is a no-op here because the answerer decides what the final message is.
 */
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { StreamingResponse } from '@microsoft/teams-ai';
import type { Citation } from '../../answering/answer-types';
import { streamingText } from '../../answering/model/model-text';

export const searchingUpdate = 'Searching the strategy documents…';

export class AnswerStream {
  private readonly response: StreamingResponse;
  private raw = '';
  private shown = '';
  private closed = false;
  private started = false;
  /** Set when the reply turned out unshowable: the final message will be the offline answer. */
  private halted = false;

  constructor(
    private readonly context: TurnContext,
    /** The numbered sources, known once the prompt has rendered. */
    private readonly sources: () => Citation[],
    /** Called on every chunk, so a watchdog can tell a slow stream from a stalled one. */
    private readonly onChunk: () => void = () => undefined,
    /** True for text that must not be shown (e.g. it repeats the bot's instructions); streaming stops. */
    private readonly reject: (text: string) => boolean = () => false,
  ) {
    this.response = new StreamingResponse(context);
    // Plain typing indicators from the turn's timer would interleave with the stream's updates.
    context.onSendActivities(async (_ctx, activities, next) => {
      if (this.started) {
        for (let i = activities.length - 1; i >= 0; i--) {
          const a = activities[i];
          if (a?.type === ActivityTypes.Typing && !(a.channelData as { streamType?: string } | undefined)?.streamType) activities.splice(i, 1);
        }
      }
      return next();
    });
  }

  /** Sends the informative "searching" update that opens the stream. */
  begin(text = searchingUpdate): void {
    this.started = true;
    this.response.queueInformativeUpdate(text);
    this.watchQueue();
  }

  /** Everything the model has sent so far, unguarded. */
  get text(): string {
    return this.raw;
  }

  /** Called by Teams AI's planner for each chunk of the model's reply. */
  queueTextChunk(chunk: string): void {
    if (this.closed) return;
    this.raw += chunk;
    this.onChunk();
    if (this.halted) return;
    if (this.reject(this.raw)) {
      this.halted = true;
      return;
    }
    const next = streamingText(this.raw, this.sources());
    // Teams requires each update to extend the last one; anything else waits for the final message.
    if (next.length > this.shown.length && next.startsWith(this.shown)) {
      this.response.queueTextChunk(next.slice(this.shown.length));
      this.shown = next;
      this.watchQueue();
    }
  }

  /** Teams AI passes citations it finds in Azure "on your data" replies; our sources are our own. */
  setCitations(): void {}

  /** Teams AI calls this when the model is done; the answerer sends the final message. */
  endStream(): Promise<void> {
    return Promise.resolve();
  }

  /** Stops accepting chunks (after a timeout, a late reply must not reach the user). */
  close(): void {
    this.closed = true;
  }

  /**
   * Sends `activity` as the stream's final message and returns the stream id (which is the id
   * Teams gives the message). Returns undefined if the stream never started or the final message
   * could not be sent, so the caller sends the activity as an ordinary message.
   */
  async finish(activity: Partial<Activity>): Promise<string | undefined> {
    this.closed = true;
    await this.response.waitForQueue().catch(() => undefined);
    const streamId = this.response.streamId;
    if (!streamId) return undefined;
    const channelData = { ...(activity.channelData as Record<string, unknown>), streamType: 'final', streamId };
    try {
      await this.context.sendActivity({
        ...activity,
        id: streamId,
        channelData,
        entities: [{ type: 'streaminfo', streamType: 'final', streamId }, ...(activity.entities ?? [])],
      });
      return streamId;
    } catch {
      return undefined;
    }
  }

  /** StreamingResponse rethrows send failures on a promise nobody else awaits. */
  private watchQueue(): void {
    // A failed update is not fatal: the final message (or an ordinary one) still follows.
    this.response.waitForQueue().catch(() => undefined);
  }
}
