/**
 * What every answer path (registry look-ups, offline extractive answers, model answers) returns.
 * The Teams layer turns it into a message with `[n]` markers and citation entities; nothing here
 * knows about Teams.
 */

/** One source an answer cites; `[n]` in `Answer.text` refers to `citations[n-1]`. */
export interface Citation {
  /** Stable id of the indexed document, e.g. `school-improvement-strategy-2021-2026`. */
  docId: string;
  /** The document's proper title, e.g. "Hertfordshire School Improvement Strategy 2021-2026". */
  title: string;
  /** Heading path of the section, e.g. "Appendix A › RAYG ratings". */
  section: string;
  /** At most 160 characters of the cited passage. */
  abstract: string;
  /** Whether the document is superseded (the 2004 strategy). */
  superseded?: boolean;
}

/** Conversation memory the answerer reads and updates so follow-ups ("who else is on it?") work. */
export interface AnswerContext {
  /** Slug of the workstream the conversation is about, if any. */
  workstream?: string;
  /** Person last asked about. */
  person?: string;
  /** Last question asked, for elliptical follow-ups. */
  lastQuestion?: string;
}

export interface Answer {
  /** `answer`: grounded in the documents; `decline`: the documents do not answer it. */
  kind: 'answer' | 'decline';
  /** Plain text / light markdown, at most ~1200 characters, with `[n]` citation markers. */
  text: string;
  citations: Citation[];
  /** The context to remember for the next turn in this conversation. */
  context: AnswerContext;
}
