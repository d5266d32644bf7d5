/**
 * Turns an Answer into the message Teams shows: the text with `[n]` markers, one citation entity per
 * source that the text actually uses, the AI-generated label, and the 👍/👎 feedback buttons.
 */
import { ActivityTypes, type Activity } from 'botbuilder';
import type { Answer, Citation } from '../answering/answer-types';
import { usedCitations } from '../answering/citations';

export interface ClientCitation {
  '@type': 'Claim';
  position: number;
  appearance: { '@type': 'DigitalDocument'; name: string; abstract: string; keywords?: string[] };
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

export function toClientCitation(c: Citation, position: number): ClientCitation {
  const name = c.section ? `${c.title} — ${c.section}` : c.title;
  return {
    '@type': 'Claim',
    position,
    appearance: {
      '@type': 'DigitalDocument',
      name: clip(name, 120),
      abstract: clip(c.abstract.replace(/\s+/g, ' ').trim(), 160),
      ...(c.superseded ? { keywords: ['Superseded'] } : {}),
    },
  };
}

/** The message activity for an answer (or a decline, which carries no citations and no AI label). */
export function answerActivity(answer: Answer, options: { feedback: boolean; prefix?: string }): Partial<Activity> {
  const { text, used } = usedCitations(answer.text, answer.citations);
  const body = options.prefix ? `${options.prefix}\n\n${text}` : text;
  const entities =
    answer.kind === 'answer'
      ? [
          {
            type: 'https://schema.org/Message',
            '@type': 'Message',
            '@context': 'https://schema.org',
            '@id': '',
            additionalType: ['AIGeneratedContent'],
            ...(used.length ? { citation: used.map((c, i) => toClientCitation(c, i + 1)) } : {}),
          },
        ]
      : [];
  return {
    type: ActivityTypes.Message,
    text: body,
    textFormat: 'markdown',
    entities,
    channelData: options.feedback ? { feedbackLoopEnabled: true } : {},
  };
}
