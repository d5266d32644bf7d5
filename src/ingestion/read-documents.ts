/**
 * Reads every supported file in a folder as text: .txt and .md as they are, .pdf through
 * pdf-parse (one line per text line, page markers dropped), .docx through mammoth's HTML turned
 * into markdown-like text (headings kept). Other files are skipped.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { docxHtmlToText } from './docx-html';
import type { SourceFormat } from './parse-document';

export interface SourceFile {
  /** Path relative to the folder. */
  file: string;
  /** File name without extension. */
  stem: string;
  format: SourceFormat;
  text: string;
}

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.md': 'md', '.markdown': 'md', '.pdf': 'pdf', '.docx': 'docx' };

/** Files the ingester reads, with size and modification time: the freshness signature of the cache. */
export async function listSourceFiles(dir: string): Promise<Array<{ file: string; size: number; mtimeMs: number }>> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files: Array<{ file: string; size: number; mtimeMs: number }> = [];
  for (const e of entries) {
    if (!e.isFile() || !FORMATS[path.extname(e.name).toLowerCase()]) continue;
    const full = path.join(e.parentPath, e.name);
    const stat = await fs.stat(full);
    files.push({ file: path.relative(dir, full), size: stat.size, mtimeMs: Math.round(stat.mtimeMs) });
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

/** pdf-parse marks page ends with "-- 1 of 3 --"; those lines are not the document's words. */
const PAGE_MARKER = /^-- \d+ of \d+ --$/gm;

async function extract(full: string, format: SourceFormat): Promise<string> {
  // The PDF and Word readers load only when such a file is read: most starts use the cached index.
  if (format === 'docx') {
    const mammoth = (await import('mammoth')).default;
    return docxHtmlToText((await mammoth.convertToHtml({ path: full })).value);
  }
  if (format === 'pdf') {
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(await fs.readFile(full)) });
    try {
      return (await parser.getText()).text.replace(PAGE_MARKER, '');
    } finally {
      await parser.destroy();
    }
  }
  return fs.readFile(full, 'utf8');
}

/** Reads the given files (relative to `dir`) as text. */
export async function readSourceFiles(dir: string, files: string[]): Promise<SourceFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const ext = path.extname(file).toLowerCase();
      const format = FORMATS[ext];
      if (!format) throw new Error(`${file}: not a document format the bot reads`);
      return { file, stem: path.basename(file, path.extname(file)), format, text: await extract(path.join(dir, file), format) };
    }),
  );
}
