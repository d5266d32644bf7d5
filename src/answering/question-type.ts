/** What kind of answer a question wants, read from its wording. */

export type QuestionKind = 'count' | 'when' | 'often' | 'who' | 'why' | 'conditional' | 'define' | 'list' | 'other';

export interface QuestionShape {
  kind: QuestionKind;
  /** Wants several items ("what are the five priorities", "who is sent a copy"). */
  wantsList: boolean;
  /** For "how many X…": the words naming what is counted (up to three after "how many"). */
  counted: string[];
  /**
   * "How do I…", "where can I…": a task of the asker's own. Policy papers rarely answer those, so
   * only a passage covering nearly every word of the question counts as the answer.
   */
  personalTask: boolean;
}

const LIST_NUMBER = /\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(\w+\s+)?\w+s\b/i;

/** Classifies a question by its cue words. */
export function questionShape(question: string): QuestionShape {
  const q = question.toLowerCase();
  let kind: QuestionKind = 'other';
  if (/\bhow (often|frequently)\b/.test(q)) kind = 'often';
  else if (/\bhow (many|much)\b|\bnumber of\b|\bwhat percentage\b|\bhow large\b/.test(q)) kind = 'count';
  // "What happens when…" asks about a consequence, not a date: before the "when" cue.
  else if (/\bwhat (happens|will happen|would happen)\b|\bwhat if\b/.test(q)) kind = 'conditional';
  else if (/\bwhen\b|\bwhat (date|year|month|time)\b|\bby when\b|\bhow long\b/.test(q)) kind = 'when';
  else if (/\bwho(m|se)?\b|\bwhich (person|people|organisation|body|team|group)\b/.test(q)) kind = 'who';
  else if (/\bwhy\b|\bwhat is the reason\b/.test(q)) kind = 'why';
  else if (/\bstand for\b|\bshort for\b|\bacronym\b|\babbreviation\b/.test(q)) kind = 'define';
  const wantsList =
    /^(what|which) (are|were)\b|\blist\b|\bwhat (does|do|will|can|should|must) .+ (include|cover|contain)\b|\bwhat (powers|steps|actions|options)\b|\bpurpose\b/.test(q) ||
    LIST_NUMBER.test(q);
  const counted = /\b(?:how many|number of)\s+((?:[a-z'-]+\s*){1,3})/.exec(q)?.[1].trim().split(/\s+/) ?? [];
  const personalTask = /^\s*(how|where|when) (do|can|should|could) (i|we)\b|^\s*(can|could) (i|we|you)\b|^\s*(book|reset|apply|order|pay|send|find) (me|my|a|an|the)\b/.test(q);
  return { kind, wantsList, counted, personalTask };
}
