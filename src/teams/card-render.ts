/**
 * Cards are templates with data: every Adaptive Card lives in a JSON template beside its capability
 * and is expanded here with adaptivecards-templating. Code builds the data, never the card JSON.
 */
import type * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

let templating: typeof ACData | undefined;
/** Loaded with the first card, not at start: it brings the Adaptive Expressions engine (~0.2–0.3 s). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, off the start-up path (decision 0006)
const loadTemplating = (): typeof ACData => (templating ??= require('adaptivecards-templating') as typeof ACData);

/** An Adaptive Card template as imported from a `.json` file. */
export type CardTemplate = object;

/** Expands a template against `data` and returns the card JSON (for tests, refreshes and invoke responses). */
export function expandCard(template: CardTemplate, data: object): Record<string, unknown> {
  return new (loadTemplating().Template)(template).expand({ $root: data }) as Record<string, unknown>;
}

/** Expands a template into a Bot Framework attachment. */
export function renderCard(template: CardTemplate, data: object): Attachment {
  return cardAttachment(expandCard(template, data));
}

/** An expanded card as a Bot Framework attachment. */
export function cardAttachment(card: object): Attachment {
  return CardFactory.adaptiveCard(card);
}
