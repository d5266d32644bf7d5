/**
 * The SEND workstream registry: the curated, validated contents of `data/workstreams.json` (the ten
 * workstreams of the January 2016 progress paper), with a look-up by slug and by the names people type.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { registryFileSchema, type RegistryFile, type Workstream } from './registry-schema';
import { workstreamFinder, type WorkstreamLookup } from './workstream-lookup';

export type { RegistryFile, Workstream, Member, Lead, RegistryMilestone } from './registry-schema';

/** Where the committed registry lives, relative to the project root. */
export const DEFAULT_REGISTRY_PATH = path.join('data', 'workstreams.json');

export interface WorkstreamRegistry {
  source: RegistryFile['source'];
  /** In the paper's order. */
  workstreams: readonly Workstream[];
  bySlug: ReadonlyMap<string, Workstream>;
  /** The workstream a typed name means ("autism", "SLCN", "behavour and alternative provison"). */
  lookup(query: string): WorkstreamLookup;
}

/** Reads and validates the registry file; throws naming the file and zod's complaint if it is malformed. */
export function loadRegistry(file: string = DEFAULT_REGISTRY_PATH): WorkstreamRegistry {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const parsed = registryFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a valid workstream registry: ${parsed.error.message}`);
  return buildRegistry(parsed.data);
}

/** A registry over data already validated. */
export function buildRegistry(data: RegistryFile): WorkstreamRegistry {
  return {
    source: data.source,
    workstreams: data.workstreams,
    bySlug: new Map(data.workstreams.map((w) => [w.slug, w])),
    lookup: workstreamFinder(data.workstreams),
  };
}
