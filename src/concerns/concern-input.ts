/**
 * Validation of a concern as it arrives, from `POST /api/concerns` or the `raise concern` card. One
 * schema for both, so a concern raised in Teams obeys the same rules as one from another system.
 */
import { z } from 'zod';
import { concernKinds, raygRatings, type ConcernDraft } from './concern-types';
import { isCalendarDate } from './due-dates';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const calendarDate = z.string().refine(isCalendarDate, 'must be a real date written YYYY-MM-DD');

/** Empty strings from a form mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schoolSchema = z.object({
  name: text(200),
  urn: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{6,7}$/, 'must be a six- or seven-digit URN')
      .optional(),
  ),
  phase: z.preprocess(blankToUndefined, text(60).optional()),
});

/** The JSON body of `POST /api/concerns` (also what the card's form is mapped onto). */
export const concernInputSchema = z
  .object({
    kind: z.enum(concernKinds, { errorMap: () => ({ message: `must be one of ${concernKinds.join(', ')}` }) }),
    rating: z.preprocess(
      blankToUndefined,
      z.enum(raygRatings, { errorMap: () => ({ message: `must be one of ${raygRatings.join(', ')}` }) }).optional(),
    ),
    previousRating: z.preprocess(
      blankToUndefined,
      z.enum(raygRatings, { errorMap: () => ({ message: `must be one of ${raygRatings.join(', ')}` }) }).optional(),
    ),
    school: schoolSchema.optional(),
    workstream: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[a-z0-9-]{1,80}$/, 'must be a workstream slug')
        .optional(),
    ),
    summary: text(2000),
    raisedBy: z.preprocess(blankToUndefined, text(120).optional()),
    issuedOn: z.preprocess(blankToUndefined, calendarDate.optional()),
    dueOn: z.preprocess(blankToUndefined, calendarDate.optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.school && !v.workstream) {
      ctx.addIssue({ code: 'custom', path: ['school'], message: 'name a school (school.name) or a workstream (workstream)' });
    }
    if (v.kind === 'rayg' && !v.rating) {
      ctx.addIssue({ code: 'custom', path: ['rating'], message: 'is required when kind is rayg' });
    }
    if (v.issuedOn && v.dueOn && v.dueOn < v.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'must not be before issuedOn' });
    }
  });

export interface FieldError {
  field: string;
  message: string;
}

export type InputResult = { ok: true; draft: ConcernDraft } | { ok: false; errors: FieldError[] };

/**
 * Parses a concern; `workstreamExists` checks a slug against the registry so an unknown one is a
 * field error rather than a concern nobody can find.
 */
export function parseConcernInput(body: unknown, workstreamExists: (slug: string) => boolean): InputResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  }
  const parsed = concernInputSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
    };
  }
  const draft: ConcernDraft = stripUndefined(parsed.data);
  if (draft.workstream && !workstreamExists(draft.workstream)) {
    return { ok: false, errors: [{ field: 'workstream', message: `no workstream has the slug "${draft.workstream}"` }] };
  }
  return { ok: true, draft };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
