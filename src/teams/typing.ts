/**
 * A typing indicator for one turn. Teams AI's own timer is a single field on the Application, shared
 * by every concurrent turn; this one belongs to the turn. Nothing is sent when the work finishes
 * quickly, so instant answers cost no extra request.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';

export async function withTyping<T>(context: TurnContext, work: () => Promise<T>, firstAfterMs = 400, everyMs = 2500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const tick = async () => {
    if (done) return;
    try {
      await context.sendActivity({ type: ActivityTypes.Typing });
    } catch {
      // The turn may have ended while the indicator was in flight; the indicator is best-effort.
    }
    if (!done) timer = setTimeout(tick, everyMs);
  };
  timer = setTimeout(tick, firstAfterMs);
  try {
    return await work();
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
