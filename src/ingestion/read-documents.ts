/**
 * Reads every supported file in a folder as text: .txt and .md as they are, .pdf through
 * pdf-parse, .docx through mammoth. Other files are skipped.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
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

async function extract(full: string, format: SourceFormat): Promise<string> {
  if (format === 'docx') return (await mammoth.extractRawText({ path: full })).value;
  if (format === 'pdf') {
    const parser = new PDFParse({ data: new Uint8Array(await fs.readFile(full)) });
    try {
      return (await parser.getText()).text;
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
      return { file, stem: path.basename(file, path.extname(file)), format, text: await extract(path.join(dir, file), format) };
    }),
  );
}
