/**
 * Checks an expanded card the way a Teams client would parse it: the `adaptivecards` library's own parser
 * (no DOM needed for parsing) plus its property validation. Returns every warning, so a test can demand none.
 */
import * as AC from 'adaptivecards';

export function cardWarnings(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const out: string[] = [];
  for (let i = 0; i < context.eventCount; i++) out.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) out.push(`validate: ${e.message}`);
  // The templating library leaves unresolved expressions in place; a card showing "${x}" is a bug.
  const text = JSON.stringify(card);
  const leftover = text.match(/\$\{[^}]*\}/g);
  if (leftover) out.push(`unexpanded: ${leftover.slice(0, 5).join(', ')}`);
  return out;
}

export const cardBytes = (card: object): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** The 28 KB Teams leaves for a card inside a message. */
export const maxCardBytes = 28 * 1024;
