/**
 * Small conversions between JavaScript values and what the two drivers hand back. `pg` returns bigint
 * columns as strings, PGlite as numbers; both return timestamptz as Date. Date-only columns are selected as
 * `::text` so they stay `YYYY-MM-DD` strings, free of any time zone.
 */

/** A bigint/integer column as a number (ids and counts here stay far below 2^53). */
export const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

/** A timestamptz column as a Date. */
export const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

/** A nullable text column as `string | undefined`, so optional fields are absent rather than null. */
export const optional = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

/** A value for a `$n::jsonb` parameter: always serialised here, since pg would turn a JS array into a SQL array. */
export const json = (value: unknown): string => JSON.stringify(value ?? null);

/** A Date or ISO string for a `$n::timestamptz` parameter. */
export const timestamp = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

/** The one row a statement that always returns one (`INSERT … RETURNING`, an aggregate) returned. */
export function onlyRow<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}
