/**
 * Generated meeting papers (table `papers`, migration 004): the Word file with who made it and when.
 * Listing returns the metadata only; the bytes come with `paperFile`.
 */
import { toDate, toNumber } from './sql-values';
import type { Queryable } from './store-types';

export interface PaperRecord {
  id: number;
  title: string;
  /** YYYY-MM-DD. */
  paperDate: string;
  changesSince?: Date;
  fileName: string;
  sha256: string;
  createdById: string;
  createdByName: string;
  createdAt: Date;
}

export type NewPaper = Omit<PaperRecord, 'id' | 'createdAt'> & { docx: Uint8Array };

interface PaperRow {
  id: number | string;
  title: string;
  paper_date: string;
  changes_since: Date | string | null;
  file_name: string;
  sha256: string;
  created_by_id: string;
  created_by_name: string;
  created_at: Date | string;
}

const COLUMNS = `id, title, to_char(paper_date, 'YYYY-MM-DD') AS paper_date, changes_since, file_name, sha256, created_by_id, created_by_name, created_at`;

const toPaper = (row: PaperRow): PaperRecord => ({
  id: toNumber(row.id),
  title: row.title,
  paperDate: row.paper_date,
  changesSince: row.changes_since === null ? undefined : toDate(row.changes_since),
  fileName: row.file_name,
  sha256: row.sha256,
  createdById: row.created_by_id,
  createdByName: row.created_by_name,
  createdAt: toDate(row.created_at),
});

export async function insertPaper(db: Queryable, paper: NewPaper): Promise<PaperRecord> {
  const [row] = await db.query<PaperRow>(
    `INSERT INTO papers (title, paper_date, changes_since, file_name, docx, sha256, created_by_id, created_by_name)
     VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      paper.title,
      paper.paperDate,
      paper.changesSince?.toISOString() ?? null,
      paper.fileName,
      paper.docx,
      paper.sha256,
      paper.createdById,
      paper.createdByName,
    ],
  );
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return toPaper(row);
}

/** Every paper, newest first, without the files. */
export async function listPapers(db: Queryable, limit = 100): Promise<PaperRecord[]> {
  const rows = await db.query<PaperRow>(`SELECT ${COLUMNS} FROM papers ORDER BY created_at DESC, id DESC LIMIT $1`, [limit]);
  return rows.map(toPaper);
}

/** One paper with its Word file, or undefined. */
export async function paperFile(db: Queryable, id: number): Promise<(PaperRecord & { docx: Buffer }) | undefined> {
  const [row] = await db.query<PaperRow & { docx: Uint8Array }>(`SELECT ${COLUMNS}, docx FROM papers WHERE id = $1`, [id]);
  return row ? { ...toPaper(row), docx: Buffer.from(row.docx) } : undefined;
}
