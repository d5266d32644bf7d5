/** Citations and the wording that frames an answer (superseded source, decline). */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { Citation } from './answer-types';

const ABSTRACT_CHARS = 160;

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A citation of one section, its abstract taken from the quoted text. */
export function citeSection(kb: KnowledgeBase, sectionIndex: number, quoted: string): Citation {
  const section = kb.sections[sectionIndex];
  if (!section) throw new RangeError(`no section ${sectionIndex} in the knowledge base`);
  const doc = kb.documentById.get(section.docId);
  return {
    docId: section.docId,
    title: doc?.title ?? section.docId,
    section: section.path.join(' › ') || (doc?.title ?? ''),
    abstract: clip(quoted.replace(/\s+/g, ' ').trim(), ABSTRACT_CHARS),
    ...(doc?.status === 'superseded' ? { superseded: true } : {}),
  };
}

/** The opening that flags an answer drawn from a superseded document. */
export function supersededPreface(kb: KnowledgeBase, docId: string): string | null {
  const doc = kb.documentById.get(docId);
  if (!doc || doc.status !== 'superseded') return null;
  const successor = doc.supersededBy ? kb.documentById.get(doc.supersededBy)?.title : undefined;
  const name = doc.shortName.replace(/^the /i, '');
  return `According to the ${name}${doc.date ? ` (${doc.date})` : ''}${successor ? `, since replaced by the ${successor}` : ''}:`;
}

/** Plain words for "not in the documents", with a hint of what can be answered. */
export function declineText(kb: KnowledgeBase): string {
  const titles = kb.documents.filter((d) => d.status === 'current' && !d.generated).map((d) => d.title);
  // A paper a month would make this list grow without end: the papers the bot made count as one entry.
  const papers = kb.documents.filter((d) => d.generated).sort((a, b) => (b.files[0] ?? '').localeCompare(a.files[0] ?? ''));
  if (papers[0])
    titles.push(`${papers.length === 1 ? 'the meeting paper' : `${papers.length} meeting papers`} made since (the latest: ${papers[0].title})`);
  const hint = titles.length ? ` I can answer questions about ${titles.join('; ')}.` : '';
  return `I couldn't find that in the strategy documents I know, so I won't guess.${hint}`;
}

/** Teams shows at most this many citations on one message. */
const maxCitations = 20;

/** Keeps only citations the text refers to, renumbered in order of first use; unknown markers are dropped. */
export function usedCitations(text: string, citations: Citation[]): { text: string; used: Citation[] } {
  const order: number[] = [];
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(m[1]);
    if (n >= 1 && n <= citations.length && !order.includes(n) && order.length < maxCitations) order.push(n);
  }
  const renumbered = text
    .replace(/\[(\d+)\]/g, (_all, d: string) => {
      const i = order.indexOf(Number(d));
      return i === -1 ? '' : `[${i + 1}]`;
    })
    .replace(/ +([.,;:])/g, '$1');
  return { text: renumbered, used: order.flatMap((n) => citations[n - 1] ?? []) };
}
