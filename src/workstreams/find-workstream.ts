/**
 * Finds the workstream a person means from what they typed: a slug, the full name, part of it
 * ("autism", "speech"), or its initials ("SLCN", "B&AP"). Ambiguity is reported, never guessed.
 */
import type { Workstream } from './registry-schema';

export type WorkstreamLookup =
  | { kind: 'found'; workstream: Workstream }
  | { kind: 'ambiguous'; candidates: Workstream[] }
  | { kind: 'none' };

const stop = new Set(['and', 'the', 'of', 'for', 'in', 'services', 'service', 'workstream', 'workstreams', 'needs']);

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

const initials = (name: string): string => words(name).filter((w) => w !== 'and' && w !== 'of').map((w) => w[0]).join('');

/** Scores how well `query` names `ws`; 0 means not at all. */
function score(ws: Workstream, query: string): number {
  const q = query.toLowerCase().trim();
  if (!q) return 0;
  const name = ws.name.toLowerCase();
  if (q === ws.slug || q === name) return 100;
  const qWords = words(q);
  const compact = qWords.join('');
  if (compact.length >= 2 && compact === initials(ws.name)) return 90;
  if (name.includes(q) && q.length >= 3) return 80;
  const nameWords = words(ws.name);
  const significant = qWords.filter((w) => !stop.has(w));
  if (significant.length === 0) return 0;
  // Each query word must start a word of the name ("behav" → "behaviour"); partial credit by coverage.
  const hits = significant.filter((w) => w.length >= 3 && nameWords.some((n) => n.startsWith(w) || (w.length >= 5 && w.startsWith(n))));
  if (hits.length !== significant.length) return 0;
  return 40 + Math.round((20 * hits.length) / nameWords.filter((w) => !stop.has(w)).length);
}

export function findWorkstream(workstreams: readonly Workstream[], query: string): WorkstreamLookup {
  const scored = workstreams.map((ws) => ({ ws, s: score(ws, query) })).filter((x) => x.s > 0);
  if (scored.length === 0) return { kind: 'none' };
  const best = Math.max(...scored.map((x) => x.s));
  const top = scored.filter((x) => x.s === best).map((x) => x.ws);
  return top.length === 1 ? { kind: 'found', workstream: top[0] } : { kind: 'ambiguous', candidates: top };
}
