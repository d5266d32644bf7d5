/**
 * What every answer path (offline extractive answers, model answers) returns. The Teams layer turns
 * it into a message with `[n]` markers and citation entities; nothing here knows about Teams.
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

/** Conversation memory the answerer reads and updates so follow-ups ("and who decides that?") work. */
export interface AnswerContext {
  /** The last question asked. */
  lastQuestion?: string;
  /**
   * What the last question was about, in the words that named it (with anything it inherited itself):
   * an elliptical follow-up borrows these.
   */
  subject?: string;
  /** What the last question asked of its subject ("leads"): "what about the autism one?" asks it again. */
  relation?: string;
  /**
   * The person the last answer named, when the last question asked who ("who leads the special schools workstream?"):
   * a follow-up that points at a person ("does she lead any other ones?") is about them, not about the last subject.
   */
  person?: string;
  /**
   * Documents the last question named ("what did the 2004 SE+ strategy mean by networks?"), or that the conversation
   * had named before it, for a follow-up that named none: an elliptical follow-up ("and learning communities?") asks
   * of them too.
   */
  named?: string[];
  /** Documents the last answer came from; a follow-up prefers them. */
  documents?: string[];
  /**
   * The units the last answer gave ("section.index"): a follow-up that asks something new of the same subject
   * ("who came up with it?") is not given them again.
   */
  given?: string[];
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
