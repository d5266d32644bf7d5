/** Cleaning what a person typed before anything interprets it. */

/** Longest question the bot will try to answer; longer messages get a clear reply instead. */
export const maxQuestionChars = 1000;

/**
 * Removes control characters and leftover mention markup, and collapses whitespace.
 * Teams AI has already removed the bot's own @mention.
 */
export function cleanMessageText(text: string | undefined): string {
  return (
    (text ?? '')
      .replace(/<at>[^<]*<\/at>/gi, ' ')
      .replace(/<\/?[a-z][^>]*>/gi, ' ')
      .replace(/&nbsp;/gi, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\uFEFF]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
