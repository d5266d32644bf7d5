/**
 * Title, date and status of each document: from `data/documents.json` when it names the file,
 * otherwise inferred from the text (first title-like lines, a "Month YYYY" date line).
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { DocumentStatus, ParsedDocument } from './knowledge-types';

const overrideSchema = z.object({
  stem: z.string().min(1),
  id: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  status: z.enum(['current', 'superseded']).optional(),
  supersededBy: z.string().min(1).optional(),
  shortName: z.string().min(1).optional(),
  /** What people call it ("SE+", "the workstreams paper"): a question using one is about this document. */
  aliases: z.array(z.string().min(1)).optional(),
});
const overridesFileSchema = z.object({ documents: z.array(overrideSchema) });
export type DocumentOverride = z.infer<typeof overrideSchema>;

/** Reads the overrides file; a missing file means no overrides, a malformed one is an error. */
export function readOverrides(file: string): Map<string, DocumentOverride> {
  if (!fs.existsSync(file)) return new Map();
  const parsed = overridesFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return new Map(parsed.documents.map((d) => [d.stem, d]));
}

export interface DocumentMeta {
  id: string;
  title: string;
  date: string | null;
  status: DocumentStatus;
  supersededBy?: string;
  shortName: string;
  aliases?: string[];
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The first title-like line with some substance: not a bare date, number or "Contents". */
function inferTitle(doc: ParsedDocument, stem: string): string {
  const candidate = doc.titleCandidates.find((t) => t.split(/\s+/).length >= 3 && /[a-z]{3}/.test(t) && !/^(table of )?contents$/i.test(t));
  return candidate ?? stem.replace(/[-_]+/g, ' ');
}

/** Metadata for a document read from `stem`, overrides first. */
export function documentMeta(doc: ParsedDocument, stem: string, override: DocumentOverride | undefined): DocumentMeta {
  const title = override?.title ?? inferTitle(doc, stem);
  const years = /\b((?:19|20)\d\d)\b/.exec(title)?.[1] ?? null;
  const date = override?.date ?? doc.dateCandidates[doc.dateCandidates.length - 1] ?? years;
  const status = override?.status ?? 'current';
  return {
    id: override?.id ?? (slug(stem) || slug(title)),
    title,
    date,
    status,
    supersededBy: override?.supersededBy,
    shortName: override?.shortName ?? (status === 'superseded' ? `the superseded ${title}` : title),
    ...(override?.aliases ? { aliases: override.aliases } : {}),
  };
}
