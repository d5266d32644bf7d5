/**
 * Finds the workstream a person means from what they typed after a command (`status autism`, `update
 * behavour and alternative provison`, `follow SLCN`): its slug, name or an alias exactly, or else every
 * typed word matching a word of its name or aliases (unstemmed, so a typo stays one edit away), allowing
 * typos and prefixes, through a small MiniSearch index. Ambiguity is reported, never guessed.
 */
import MiniSearch from 'minisearch';
import { STOP_WORDS } from '../language/stop-words';
import { fold, words } from '../language/words';
import type { Workstream } from './registry-schema';

export type WorkstreamLookup = { kind: 'found'; workstream: Workstream } | { kind: 'ambiguous'; candidates: Workstream[] } | { kind: 'none' };

interface Entry {
  id: number;
  names: string;
}

/** A finder over these workstreams. */
export function workstreamFinder(workstreams: readonly Workstream[]): (query: string) => WorkstreamLookup {
  const exact = new Map<string, Workstream>();
  for (const ws of workstreams) for (const key of [ws.slug, ws.name, ...(ws.aliases ?? [])]) exact.set(words(key).join(' '), ws);
  const index = new MiniSearch<Entry>({ fields: ['names'], tokenize: (t) => words(t), processTerm: (t) => (STOP_WORDS.has(t) ? null : t) });
  index.addAll(workstreams.map((ws, id) => ({ id, names: [ws.name, ...(ws.aliases ?? [])].join(' ') })));

  return (query) => {
    const cleaned = words(fold(query))
      .filter((w) => w !== 'workstream' && w !== 'workstreams' && w !== 'the')
      .join(' ');
    if (!cleaned) return { kind: 'none' };
    const direct = exact.get(cleaned);
    if (direct) return { kind: 'found', workstream: direct };
    const results = index.search(cleaned, { combineWith: 'AND', fuzzy: (term) => (term.length >= 5 ? 0.25 : 0), prefix: (term) => term.length >= 3 });
    const top = results[0];
    if (!top) return { kind: 'none' };
    const close = results
      .filter((r) => r.score >= top.score * 0.9)
      .map((r) => workstreams[r.id as number])
      .filter((w): w is Workstream => w !== undefined);
    return close.length === 1 ? { kind: 'found', workstream: close[0] as Workstream } : { kind: 'ambiguous', candidates: close };
  };
}
