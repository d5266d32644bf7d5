/**
 * The workstream registry as citable sections of the progress paper it was curated from: per workstream
 * its lead and representatives, what it will do, its outcomes, its position as the paper gives it, and the
 * milestones dated from the paper, plus one overview of all ten. Questions search these with the
 * documents, through the one answering pipeline; they replace the paper's own (table) sections.
 */
import { createHash } from 'node:crypto';
import type { Block, StructuredSource } from '../ingestion/knowledge-types';
import type { WorkstreamRegistry } from './registry';
import type { Member, Workstream } from './registry-schema';
import { formatDate } from './status-model';

const paragraph = (text: string): Block => ({ text, list: false });
const item = (text: string): Block => ({ text, list: true });

/** "January 2016": the paper's (estimated) month. */
export function paperMonth(registry: WorkstreamRegistry): string {
  return formatDate(`${registry.source.date}-01`).replace(/^1 /, '');
}

/** "Sensory and Physical Needs (also SPN)". */
function heading(ws: Workstream): string {
  return ws.aliases?.length ? `${ws.name} (${ws.aliases.join(', ')})` : ws.name;
}

/** Who leads it, by name: "the SEND Business Group", "Jennie Newman". */
function leadName(ws: Workstream): string {
  return ws.lead.organisation ? `the ${ws.lead.name}` : ws.lead.name;
}

function leadText(ws: Workstream): string {
  return ws.lead.organisation || !ws.lead.role ? leadName(ws) : `${ws.lead.name}, ${ws.lead.role}`;
}

function memberText(m: Member): string {
  if (m.toBeConfirmed) return `${m.role} (to be confirmed)`;
  return `${m.name}, ${m.role}${m.substitute ? ' (substitute)' : ''}`;
}

function workstreamSections(registry: WorkstreamRegistry, ws: Workstream): StructuredSource['sections'] {
  const name = heading(ws);
  const month = paperMonth(registry);
  const called = name;
  const sections: StructuredSource['sections'] = [
    {
      path: [name, 'Lead & Representatives'],
      blocks: [
        paragraph(`The ${called} workstream is led by ${leadText(ws)}.`),
        // (Its lead is a member of its group too: "who's on the sensory group?" names them.)
        paragraph(`The representatives on the ${called} workstream (the members of its group, with its lead, ${leadName(ws)}) are:`),
        ...ws.representatives.map((m) => item(memberText(m))),
      ],
    },
    {
      path: [name, 'What will be done'],
      blocks: [paragraph(`What the ${called} workstream will do (its plans and remit):`), ...ws.actions.map(item)],
    },
    {
      path: [name, 'Outcomes'],
      blocks: [paragraph(`The outcomes the ${called} workstream aims to achieve:`), ...ws.outcomes.map(item)],
    },
    {
      path: [name, 'Summary of Current Position'],
      blocks: [
        paragraph(`Where the ${called} workstream stood in ${month} (its status, progress and latest position):`),
        ...ws.position.map(item),
        // Said where its position is, so "what's next for it?" is not answered with another workstream's milestones.
        ...(ws.milestones.length ? [] : [paragraph(`The paper gives no dated milestones for the ${called} workstream.`)]),
      ],
      summary: true,
    },
  ];
  if (ws.milestones.length) {
    sections.push({
      path: [name, 'Milestones'],
      blocks: [
        paragraph(`The ${called} workstream's milestones (what was due next, and when), dated from the paper of ${month}:`),
        ...ws.milestones.map((m) => item(`${m.title}: ${m.dueText} (${formatDate(m.due).replace(/^\d+ /, '')})`)),
      ],
    });
  }
  return sections;
}

/** The registry as structured sections of its paper. */
export function registrySource(registry: WorkstreamRegistry): StructuredSource {
  const overview = {
    path: ['The SEND workstreams'],
    blocks: [
      paragraph(`The paper of ${paperMonth(registry)} reports on ${registry.workstreams.length} SEND workstreams:`),
      ...registry.workstreams.map((ws) => item(`${heading(ws)}, led by ${leadText(ws)}`)),
    ],
    overview: true as const,
  };
  const sections = [overview, ...registry.workstreams.flatMap((ws) => workstreamSections(registry, ws))];
  // (Its leads and representatives are people: "Tim Body" is a name though "body" is mostly a word.)
  const people = [
    ...new Set(
      registry.workstreams.flatMap((ws) => [
        ...(ws.lead.organisation ? [] : [ws.lead.name]),
        ...ws.representatives.filter((m) => !m.toBeConfirmed).map((m) => m.name),
      ]),
    ),
  ];
  return {
    docId: registry.source.docId,
    version: createHash('sha256').update(JSON.stringify({ sections, people })).digest('hex').slice(0, 16),
    sections,
    people,
  };
}
