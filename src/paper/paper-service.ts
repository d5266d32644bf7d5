/**
 * Making the meeting paper: reads the registry and the status history, writes the Word file, keeps it in
 * the store (so every instance can serve and index it) and in `<DATA_DIR>/papers/` (the folder the
 * document index reads generated papers from), then asks for a re-index so questions can cite it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';
import { insertPaper, listPapers, paperFile, type PaperRecord } from '../store/papers-repo';
import type { Store } from '../store/store-types';
import { allStatusEntries } from '../store/workstream-status-repo';
import type { WorkstreamRegistry } from '../workstreams/registry';
import { fromStored } from '../workstreams/status-history';
import { formatDate } from '../workstreams/status-model';
import { paperContent } from './paper-content';
import { paperDocx } from './paper-docx';

export interface PaperServiceDeps {
  store: Store;
  registry: WorkstreamRegistry;
  timeZone: string;
  /** `<DATA_DIR>/papers`: generated papers as files, for the document index. */
  papersDir: string;
  logger: Logger;
  /** Re-indexes the documents after a paper was added (the knowledge base's reload). */
  reindex?: () => Promise<void>;
  now?: () => Date;
}

export interface MadePaper {
  paper: PaperRecord;
  /** Milliseconds spent building the Word file. */
  buildMs: number;
}

export type PaperService = ReturnType<typeof createPaperService>;

export function createPaperService(deps: PaperServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const fileOf = (paper: Pick<PaperRecord, 'fileName'>) => path.join(deps.papersDir, paper.fileName);

  const writeFile = async (fileName: string, bytes: Uint8Array): Promise<void> => {
    await fs.mkdir(deps.papersDir, { recursive: true });
    const tmp = path.join(deps.papersDir, `.${fileName}.${process.pid}.tmp`);
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, path.join(deps.papersDir, fileName));
  };

  return {
    list: (limit?: number) => listPapers(deps.store, limit),
    file: (id: number) => paperFile(deps.store, id),

    /** Generates the paper as of now, stores it, writes it for indexing and re-indexes. */
    async make(author: { id: string; name: string }): Promise<MadePaper> {
      const at = now();
      const [entries, [previous]] = await Promise.all([allStatusEntries(deps.store), listPapers(deps.store, 1)]);
      const t0 = performance.now();
      const content = paperContent({
        workstreams: deps.registry.workstreams,
        entries: entries.map(fromStored),
        now: at,
        timeZone: deps.timeZone,
        previousPaper: previous ? { date: previous.paperDate, at: previous.createdAt } : undefined,
        registryPaperMonth: formatDate(`${deps.registry.source.date}-01`).replace(/^\d+ /, ''),
      });
      const docx = await paperDocx(content);
      const buildMs = Math.round(performance.now() - t0);
      // The time is in the name so that two papers on one day are two files, each its own document.
      const fileName = `send-progress-paper-${content.date}-${at.getTime().toString(36)}.docx`;
      const paper = await insertPaper(deps.store, {
        title: content.title,
        paperDate: content.date,
        changesSince: previous?.createdAt,
        fileName,
        docx,
        sha256: createHash('sha256').update(docx).digest('hex'),
        createdById: author.id,
        createdByName: author.name,
      });
      await writeFile(fileName, docx);
      deps.logger.info({ paperId: paper.id, fileName, bytes: docx.length, buildMs }, 'meeting paper generated');
      if (deps.reindex) await deps.reindex();
      return { paper, buildMs };
    },

    /**
     * Writes any stored paper this instance has not got on disk yet (another instance made it, or DATA_DIR
     * is new), so the index built at start includes every paper. Returns how many were written.
     */
    async syncFiles(): Promise<number> {
      let written = 0;
      for (const paper of await listPapers(deps.store, 1_000)) {
        const exists = await fs.stat(fileOf(paper)).then(
          () => true,
          () => false,
        );
        if (exists) continue;
        const stored = await paperFile(deps.store, paper.id);
        if (stored) {
          await writeFile(paper.fileName, stored.docx);
          written++;
        }
      }
      return written;
    },
  };
}
