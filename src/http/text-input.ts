/**
 * The one normalisation every text that enters the bot gets, at the edge: NUL and the other C0 control
 * characters (tab, line feed and carriage return excepted) and lone UTF-16 surrogates. PostgreSQL cannot
 * store either in `text` or `jsonb`, so one such character used to fail whatever statement carried it —
 * including a batched write shared with other people's turns.
 *
 * Activities from Teams are cleaned (a person's message is still answered); API bodies are refused with
 * a 400 that names the field, so the sending system learns its data is wrong.
 */
import { badRequest } from './http-errors';

// eslint-disable-next-line no-control-regex
const unstorable = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const hasUnstorable = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that would reach an object's prototype if a later step copied them with Object.assign. */
const dangerousKeys = new Set(['__proto__', 'constructor', 'prototype']);

export const cleanText = (text: string): string => (hasUnstorable.test(text) ? text.replace(unstorable, '') : text);

/** A copy of a parsed JSON value with every string and key cleaned, and prototype-reaching keys dropped. */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (dangerousKeys.has(key)) continue;
      out[cleanText(key)] = cleanStrings(v);
    }
    return out;
  }
  return value;
}

const describe = (char: string): string => {
  const code = char.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return `a lone UTF-16 surrogate (U+${code.toString(16).toUpperCase()})`;
  return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
};

/** The first field (dotted path) whose text cannot be stored, and what is wrong with it. */
export function findUnstorableText(value: unknown, path: string[] = []): { field: string; message: string } | undefined {
  const here = () => path.join('.') || '(body)';
  if (typeof value === 'string') {
    const m = hasUnstorable.exec(value);
    return m ? { field: here(), message: `contains ${describe(m[0])}; remove it and send again` } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const m = hasUnstorable.exec(key);
      if (m || dangerousKeys.has(key)) return { field: here(), message: `has a field name that is not allowed (${JSON.stringify(cleanText(key))})` };
      const found = findUnstorableText(v, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Throws a 400 naming the first field with text that cannot be stored; returns the value otherwise. */
export function refuseUnstorableText<T>(value: T): T {
  const found = findUnstorableText(value);
  if (found) throw badRequest(`${found.field} ${found.message}.`, { fields: [found] });
  return value;
}
