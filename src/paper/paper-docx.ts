/**
 * Lays the paper out as a Word document with `docx`: landscape A4 like the 2016 paper, its title and
 * date, the five-column table (header row repeated on each page), lists where the paper had lists, then
 * the changes since the last paper. `docx` is loaded with the first paper, not at start.
 */
import type * as Docx from 'docx';
import { PAPER_COLUMNS, type PaperContent } from './paper-content';

let docxModule: typeof Docx | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first paper, off the start-up path (decision 0006)
const loadDocx = (): typeof Docx => (docxModule ??= require('docx') as typeof Docx);

/** Column widths in per cent: the people and position columns carry the most text. */
const WIDTHS = [12, 20, 22, 22, 24];

export async function paperDocx(content: PaperContent): Promise<Buffer> {
  const d = loadDocx();
  const text = (value: string, options: { bold?: boolean } = {}) => new d.TextRun({ text: value, bold: options.bold, size: 18 });
  const para = (value: string, options: { bold?: boolean } = {}) => new d.Paragraph({ children: [text(value, options)], spacing: { after: 60 } });
  const bullets = (items: readonly string[]) =>
    items.map((item) => new d.Paragraph({ children: [text(item)], bullet: { level: 0 }, spacing: { after: 40 } }));
  const cell = (children: Docx.Paragraph[], width: number, header = false) =>
    new d.TableCell({
      children: children.length ? children : [para('')],
      width: { size: width, type: d.WidthType.PERCENTAGE },
      ...(header ? { shading: { type: d.ShadingType.CLEAR, fill: 'D9E2D5', color: 'auto' } } : {}),
      margins: { top: 60, bottom: 60, left: 80, right: 80 },
    });

  const header = new d.TableRow({ tableHeader: true, children: PAPER_COLUMNS.map((c, i) => cell([para(c, { bold: true })], WIDTHS[i] ?? 20, true)) });
  const rows = content.rows.map(
    (r) =>
      new d.TableRow({
        cantSplit: false,
        children: [
          cell([para(r.workstream, { bold: true })], WIDTHS[0] ?? 12),
          cell(
            r.people.map((p, i) => para(p, { bold: i === 0 })),
            WIDTHS[1] ?? 20,
          ),
          cell(bullets(r.plans), WIDTHS[2] ?? 22),
          cell(bullets(r.outcomes), WIDTHS[3] ?? 22),
          cell([para(r.position[0] ?? '', { bold: true }), ...bullets(r.position.slice(1))], WIDTHS[4] ?? 24),
        ],
      }),
  );

  const changes = content.changes.length
    ? content.changes.flatMap((c) => [
        new d.Paragraph({
          children: [
            new d.TextRun({ text: c.workstream, bold: true }),
            new d.TextRun({ text: c.from === c.to ? ` — still ${c.to.toLowerCase()}` : ` — ${c.from} → ${c.to}` }),
          ],
          spacing: { before: 120, after: 40 },
        }),
        ...c.lines.map((line) => new d.Paragraph({ text: line, bullet: { level: 0 } })),
      ])
    : [new d.Paragraph({ text: content.noChanges })];

  const doc = new d.Document({
    creator: 'Herts SEND Assistant',
    title: content.title,
    description: 'Progress on SEND Strategy and Workstreams, for the SEND Executive',
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: d.PageOrientation.LANDSCAPE }, margin: { top: 720, bottom: 720, left: 720, right: 720 } } },
        children: [
          new d.Paragraph({ text: content.title, heading: d.HeadingLevel.HEADING_1 }),
          new d.Paragraph({ text: content.subtitle, spacing: { after: 120 } }),
          new d.Paragraph({ text: content.intro, spacing: { after: 200 } }),
          new d.Table({ rows: [header, ...rows], width: { size: 100, type: d.WidthType.PERCENTAGE } }),
          new d.Paragraph({ text: content.changesHeading, heading: d.HeadingLevel.HEADING_2, spacing: { before: 300 } }),
          ...changes,
        ],
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}
