/**
 * "Which workstreams is Helen Booth involved in?": a question naming a person and asking which of
 * several things they belong to is answered by every section of one document that names them.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { Answer, AnswerContext, Citation } from './answer-types';
import { citeSection, clip } from './citations';

const PERSON = /\b([A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?){1,2})\b/g;
const WHICH_OF_MANY = /\b(which|what)\s+(?!(does|is|was|has|as)\b)\w+s\b/i;

/** The "Name, Role" entry or the sentence around the name within a block of text. */
function entryFor(text: string, name: string): string {
  const piece = text.split(/;\s+|(?<=\.)\s+/).find((p) => p.includes(name)) ?? text;
  return clip(piece.replace(/^[A-Z][\w &]{1,40}:\s+/, '').replace(/\.$/, ''), 160);
}

/** An answer listing the sections that name the person, or null when the question is not of that shape. */
export function personAnswer(kb: KnowledgeBase, question: string, context: AnswerContext): Answer | null {
  if (!WHICH_OF_MANY.test(question)) return null;
  const names = [...question.matchAll(PERSON)].map((m) => m[1]).filter((n, i) => i > 0 || !/^(Which|What)\b/.test(n));
  for (const name of names) {
    // Only a "Name, Role" entry marks a person (not a capitalised term like "Central Block").
    const sections = kb.sections.filter((s) => s.blocks.some((b) => b.text.includes(`${name},`)));
    const docs = new Set(sections.map((s) => s.docId));
    if (sections.length < 2 || docs.size !== 1) continue;
    const citations: Citation[] = [];
    const lines = sections.slice(0, 12).map((s, i) => {
      const block = s.blocks.find((b) => b.text.includes(name))?.text ?? '';
      const entry = entryFor(block, name);
      citations.push(citeSection(kb, s.index, entry));
      return `- ${s.path[s.path.length - 1] ?? ''}: ${entry} [${i + 1}]`;
    });
    const text = `${name} appears in ${sections.length} sections of ${kb.documentById.get([...docs][0])?.title ?? 'the document'}:\n${lines.join('\n')}`;
    return { kind: 'answer', text: clip(text, 1200), citations, context: { ...context, person: name } };
  }
  return null;
}
