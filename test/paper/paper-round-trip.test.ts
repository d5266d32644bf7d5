import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from '../../src/ingestion/parse-document';
import { readSourceFiles } from '../../src/ingestion/read-documents';
import { paperContent } from '../../src/paper/paper-content';
import { paperDocx } from '../../src/paper/paper-docx';
import { loadRegistry } from '../../src/workstreams/registry';
import type { StatusEntry } from '../../src/workstreams/status-model';

describe('the meeting paper round trip (generated with docx, read back with our own Word ingestion)', () => {
  const registry = loadRegistry('data/workstreams.json');
  const entry = (slug: string, at: string, status: StatusEntry['status'], summary: string): StatusEntry => ({
    id: `${slug}-${at}`,
    slug,
    status,
    summary,
    author: { id: 'x', name: 'Jane Lead' },
    source: 'teams',
    createdAt: at,
  });
  const entries = [
    entry('autism', '2026-12-01T10:00:00Z', 'on-track', 'Autism strategy consultation closed with 412 responses.'),
    entry(
      'autism',
      '2027-01-10T10:00:00Z',
      'at-risk',
      'Outreach waiting list has doubled; a bid for two advisory teachers goes to the March Executive.',
    ),
    entry('special-schools', '2027-01-12T09:00:00Z', 'complete', 'Both satellite classes are open.'),
  ];
  let text: string;
  let sections: { path: string[]; blocks: { text: string }[] }[];
  let content: ReturnType<typeof paperContent>;

  before(async () => {
    content = paperContent({
      workstreams: registry.workstreams,
      entries,
      now: new Date('2027-01-20T10:00:00Z'),
      timeZone: 'Europe/London',
      previousPaper: { date: '2026-12-15', at: new Date('2026-12-15T12:00:00Z') },
      registryPaperMonth: 'January 2016',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-'));
    fs.writeFileSync(path.join(dir, 'paper.docx'), await paperDocx(content));
    const [source] = await readSourceFiles(dir, ['paper.docx']);
    assert.ok(source);
    text = source.text;
    sections = parseDocument(source.file, source.text, 'docx').sections;
  });

  it("has the 2016 paper's title and date line, and its five columns as the table header", () => {
    assert.match(text, /^# Progress on SEND Strategy and Workstreams – 20 January 2027$/m);
    assert.match(text, /^January 2027 — paper for the SEND Executive$/m);
    assert.match(text, /^Workstream\tLead & Representatives\tWhat will be done\tOutcomes\tSummary of Current Position$/m);
  });

  it('holds every workstream as sections of its own (one per column), with its lead and its current position', () => {
    for (const ws of registry.workstreams) {
      const own = sections.filter((s) => s.path.at(-2) === ws.name);
      assert.deepEqual(
        own.map((s) => s.path.at(-1)),
        ['Lead & Representatives', 'What will be done', 'Outcomes', 'Summary of Current Position'],
        ws.name,
      );
      const body = own.flatMap((s) => s.blocks.map((b) => b.text)).join('\n');
      assert.ok(body.includes(`Lead: ${ws.lead.name}`), `${ws.name}: lead ${ws.lead.name} not found in\n${body.slice(0, 400)}`);
      const latest = entries.filter((e) => e.slug === ws.slug).at(-1);
      const position = latest ? latest.summary : (ws.position[0] ?? '');
      assert.ok(body.includes(position), `${ws.name}: current position not found`);
    }
  });

  it('lists only the updates since the last paper under "changes since", with the status before and after', () => {
    const changes = sections.find((s) => /Changes since the last paper \(15 December 2026\)/.test(s.path.join(' ')));
    assert.ok(changes, sections.map((s) => s.path.join(' > ')).join('\n'));
    const body = changes.blocks.map((b) => b.text).join('\n');
    assert.match(body, /Autism — On track → At risk/);
    assert.match(body, /Special Schools — Not started → Complete/);
    assert.doesNotMatch(body, /412 responses/, 'the December update came before the last paper');
    assert.equal(content.changes.length, 2);
  });
});
