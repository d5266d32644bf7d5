/**
 * How a question names a document: by a year of its title or date ("the 2004 paper", "the 2021-26
 * strategy") or by words of its title that no other title has ("each and every child", "effectiveness
 * plus"). Keys come from the documents' own metadata, so a new document is recognised as it is added.
 */
import { words } from '../language/words';
import type { KnowledgeDocument } from './knowledge-types';

export interface DocumentKeys {
  /** Year → ids of the documents whose title or date has it (ranges count every year). */
  years: Map<string, string[]>;
  /** Two consecutive title words found in one document's title only → its id. */
  bigrams: Map<string, string>;
}

function yearsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)?\d\d))?\b/g)) {
    // A range names its ends ("the 2021-26 strategy", "the 2026 strategy"), not the years between.
    out.add(String(m[1]));
    if (m[2]) out.add(m[2].length === 2 ? `${m[1]?.slice(0, 2)}${m[2]}` : m[2]);
  }
  return [...out];
}

const bigramsOf = (text: string): string[] => {
  const w = words(text.replace(/\([^)]*\)/g, ' ')).filter((x) => !/^\d+$/.test(x));
  return w.slice(1).map((x, i) => `${w[i]} ${x}`);
};

export function documentKeys(documents: readonly KnowledgeDocument[]): DocumentKeys {
  const years = new Map<string, string[]>();
  const owners = new Map<string, Set<string>>();
  for (const d of documents) {
    for (const y of yearsOf(`${d.title} ${d.date ?? ''}`)) years.set(y, [...(years.get(y) ?? []), d.id]);
    for (const b of new Set([...bigramsOf(d.title), ...bigramsOf(d.shortName)])) owners.set(b, (owners.get(b) ?? new Set()).add(d.id));
  }
  const bigrams = new Map<string, string>();
  for (const [b, ids] of owners) if (ids.size === 1) bigrams.set(b, [...ids][0] ?? '');
  return { years, bigrams };
}

/** The documents a question names, and which of its (folded) words did the naming. */
export function documentsNamed(keys: DocumentKeys, questionWords: readonly string[]): { ids: string[]; used: Set<number> } {
  const ids = new Set<string>();
  const used = new Set<number>();
  questionWords.forEach((w, i) => {
    const byYear = keys.years.get(w);
    if (byYear) {
      byYear.forEach((id) => ids.add(id));
      used.add(i);
      // "2021-26": the short end of a range is part of the naming.
      if (/^\d\d$/.test(questionWords[i + 1] ?? '')) used.add(i + 1);
    }
    const next = questionWords[i + 1];
    const id = next ? keys.bigrams.get(`${w} ${next}`) : undefined;
    if (id) {
      ids.add(id);
      used.add(i).add(i + 1);
    }
  });
  return { ids: [...ids], used };
}
