/**
 * The SEND workstream registry as the app uses it: the validated contents of `data/workstreams.json`
 * plus look-ups built once at load, so answering a question never re-scans the data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  registryFileSchema,
  type RegistryFile,
  type Workstream,
} from './registry-schema.js';
import {
  buildPeopleIndex,
  buildWorkstreamIndex,
  findPerson,
  findWorkstreams,
  tokenise,
  type PeopleIndex,
  type PersonHit,
  type PersonRecord,
  type Token,
  type WorkstreamHit,
  type WorkstreamIndex,
} from './workstream-match.js';

export { registryFileSchema, workstreamSchema, memberSchema, leadSchema, milestoneSchema } from './registry-schema.js';
export type { RegistryFile, Workstream, Member, Lead, RegistryMilestone } from './registry-schema.js';
export type { PersonRecord, PersonHit, Seat, Token, WorkstreamHit } from './workstream-match.js';

/** Where the committed registry lives, relative to the project root. */
export const DEFAULT_REGISTRY_PATH = path.join('data', 'workstreams.json');

/** The registry with its look-ups. */
export interface WorkstreamRegistry {
  source: RegistryFile['source'];
  /** In the paper's order. */
  workstreams: readonly Workstream[];
  bySlug: ReadonlyMap<string, Workstream>;
  /** Everyone with a seat (and the lead organisation), by lower-case name. */
  people: ReadonlyMap<string, PersonRecord>;
  /** Workstreams named in free text ("behavour and alternative provison", "SLCN"), strongest first. */
  findWorkstreams(text: string): WorkstreamHit[];
  /** The person named in free text; several people when a first name alone is shared. */
  findPerson(text: string): PersonHit | undefined;
  /** The same look-ups on a question already split by `tokenise`. */
  findWorkstreamsIn(tokens: Token[]): WorkstreamHit[];
  findPersonIn(tokens: Token[]): PersonHit | undefined;
  /** The raw indexes. */
  index: { workstreams: WorkstreamIndex; people: PeopleIndex };
}

/** Reads, validates and indexes the registry file; throws with zod's message if it is malformed. */
export function loadRegistry(file: string = DEFAULT_REGISTRY_PATH): WorkstreamRegistry {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const parsed = registryFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file} is not a valid workstream registry: ${parsed.error.message}`);
  return buildRegistry(parsed.data);
}

/** Indexes registry data already in memory (validated by the caller or the importer). */
export function buildRegistry(data: RegistryFile): WorkstreamRegistry {
  const workstreamIndex = buildWorkstreamIndex(data.workstreams);
  const peopleIndex = buildPeopleIndex(data.workstreams);
  return {
    source: data.source,
    workstreams: data.workstreams,
    bySlug: new Map(data.workstreams.map((w) => [w.slug, w])),
    people: new Map(peopleIndex.people.map((p) => [p.name.toLowerCase(), p])),
    findWorkstreams: (text) => findWorkstreams(workstreamIndex, tokenise(text)),
    findPerson: (text) => findPerson(peopleIndex, tokenise(text)),
    findWorkstreamsIn: (tokens) => findWorkstreams(workstreamIndex, tokens),
    findPersonIn: (tokens) => findPerson(peopleIndex, tokens),
    index: { workstreams: workstreamIndex, people: peopleIndex },
  };
}
