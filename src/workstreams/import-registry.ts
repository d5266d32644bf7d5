/**
 * Builds the workstream registry from the SEND progress paper's text. Pure: text in, validated
 * registry out, so the CLI, the tests and any re-import give byte-identical JSON.
 */
import { learnLexicon, parseListCell, type BulletLexicon } from './parse-bullets.js';
import { learnRoles, parsePeopleCell } from './parse-people.js';
import { parseTable, slugify, type RawRow } from './parse-table.js';
import {
  estimatePaperMonth,
  findDatedClauses,
  formatMonth,
  monthLabel,
  resolveDue,
  type MonthIndex,
} from './dated-phrases.js';
import { registryFileSchema, type Lead, type Member, type RegistryFile, type RegistryMilestone, type Workstream } from './registry-schema.js';

export interface ImportOptions {
  /** Path recorded as the source, relative to the project root. */
  file: string;
  /** Id of the paper in the document index; defaults to the file's base name. */
  docId?: string;
  /** Who the paper was written for, used in the citation title. */
  audience?: string;
}

/** Parses the paper into the registry file's shape and validates it. */
export function importRegistry(text: string, options: ImportOptions): RegistryFile {
  const table = parseTable(text);
  const listCells = table.rows.flatMap((r) => r.pieces.slice(1).flat());
  const lexicon = learnLexicon(listCells);
  const roles = learnRoles(table.rows.flatMap((r) => r.pieces[0]!));

  const drafts = table.rows.map((row) => {
    const { lead, representatives } = readPeople(row, roles);
    const [actions, outcomes, position] = [1, 2, 3].map((c) => readList(row.pieces[c]!, lexicon)) as [string[], string[], string[]];
    return { slug: slugify(row.name), name: row.name, lead, representatives, actions, outcomes, position };
  });

  const paper = estimatePaperMonth(drafts.flatMap((d) => [...d.actions, ...d.position]));
  const workstreams: Workstream[] = drafts.map((d) => ({ ...d, milestones: milestonesOf([...d.actions, ...d.position], paper.month) }));
  const baseName = options.file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  return registryFileSchema.parse({
    source: {
      file: options.file,
      docId: options.docId ?? baseName,
      title: table.title,
      citationTitle: `${table.title.replace(/^Item\s+\d+\s*[–-]\s*[^–-]+[–-]\s*/, '')} (${options.audience ?? 'SEND Executive'}, ${monthLabel(paper.month)})`,
      date: formatMonth(paper.month),
      dateApproximate: true,
      dateBasis: paper.basis,
      columns: table.columns,
    },
    workstreams,
  });
}

/** Stable JSON text for the registry: two-space indent, trailing newline. */
export function serialiseRegistry(registry: RegistryFile): string {
  return `${JSON.stringify(registry, null, 2)}\n`;
}

function readPeople(row: RawRow, roles: ReturnType<typeof learnRoles>): { lead: Lead; representatives: Member[] } {
  const people: Member[] = [];
  let organisation: string | undefined;
  row.pieces[0]!.forEach((cell, i) => {
    if (cell === '') return;
    const parsed = parsePeopleCell(cell, roles, i === 0);
    organisation ??= parsed.organisation;
    people.push(...parsed.people);
  });
  if (organisation !== undefined) return { lead: { name: organisation, organisation: true }, representatives: people };
  const [first, ...rest] = people;
  if (first === undefined) throw new Error(`no lead found for ${row.name}`);
  return { lead: { name: first.name, role: first.role }, representatives: rest };
}

/** Joins a column's pieces: a continuation that starts in lower case finishes the previous bullet. */
function readList(pieces: string[], lexicon: BulletLexicon): string[] {
  const items: string[] = [];
  for (const piece of pieces) {
    if (piece === '') continue;
    const parsed = parseListCell(piece, lexicon);
    if (parsed.continuation !== undefined) {
      if (items.length === 0) items.push(parsed.continuation);
      else items[items.length - 1] = `${items[items.length - 1]} ${parsed.continuation}`;
    }
    items.push(...parsed.items);
  }
  return items;
}

function milestonesOf(items: string[], paperMonth: MonthIndex): RegistryMilestone[] {
  const milestones: RegistryMilestone[] = [];
  for (const item of items) {
    for (const dated of findDatedClauses(item)) {
      if (dated.tense !== 'future') continue;
      milestones.push({
        title: titleOf(dated.clause, dated.phrase),
        due: resolveDue(dated, paperMonth),
        dueText: dated.phrase,
        derived: true,
        source: item,
      });
    }
  }
  return milestones.sort((a, b) => a.due.localeCompare(b.due));
}

/** The clause without its date phrase, sentence-cased: "The first phase being completed". */
function titleOf(clause: string, phrase: string): string {
  const text = clause
    .replace(phrase, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s,.;]+$/, '')
    .replace(/^(this|the) workstream\b/i, 'Workstream')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
