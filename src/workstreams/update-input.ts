/**
 * What a status update must contain, checked with zod at both edges: the Teams form and the API body.
 * Errors come back per field, in words a lead can act on.
 */
import { z } from 'zod';
import { workstreamStatuses, type Milestone, type WorkstreamStatus } from './status-model';

export const maxSummaryChars = 2000;
export const maxMilestoneTitleChars = 200;

const realDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD.')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'That is not a real date.');

/** The API body: `{status, summary, nextMilestone?: {title, due}}`. */
export const apiUpdateSchema = z
  .object({
    status: z.enum(workstreamStatuses, { errorMap: () => ({ message: `Must be one of: ${workstreamStatuses.join(', ')}.` }) }),
    summary: z
      .string({ required_error: 'Required.', invalid_type_error: 'Must be text.' })
      .trim()
      .min(1, 'Required.')
      .max(maxSummaryChars, `At most ${maxSummaryChars} characters.`),
    nextMilestone: z
      .object({
        title: z
          .string({ required_error: 'Required.' })
          .trim()
          .min(1, 'Required.')
          .max(maxMilestoneTitleChars, `At most ${maxMilestoneTitleChars} characters.`),
        due: realDate,
      })
      .strict()
      .optional(),
  })
  .strict();

export interface ValidUpdate {
  status: WorkstreamStatus;
  summary: string;
  nextMilestone?: Milestone;
}

export type FieldErrors = Record<string, string>;

export type UpdateCheck = { ok: true; update: ValidUpdate } | { ok: false; errors: FieldErrors };

/** Zod issues as `{ "nextMilestone.due": "…" }`. */
function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : 'body');
    out[key] ??= issue.code === 'unrecognized_keys' ? `Unknown field${issue.keys.length > 1 ? 's' : ''}.` : issue.message;
  }
  return out;
}

export function checkApiUpdate(body: unknown): UpdateCheck {
  const parsed = apiUpdateSchema.safeParse(body);
  return parsed.success ? { ok: true, update: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** The update form's inputs as Teams sends them (all strings, missing when left empty). */
const formSchema = z.object({
  status: z.string().optional(),
  summary: z.string().optional(),
  milestoneTitle: z.string().optional(),
  milestoneDue: z.string().optional(),
});

export type FormValues = z.infer<typeof formSchema>;

/**
 * Checks the form. The milestone is optional, but a title needs a date and a date needs a title, so
 * nothing half-filled is stored. Errors are keyed by the form's input ids.
 */
export function checkFormUpdate(data: unknown): { values: FormValues } & UpdateCheck {
  const values = formSchema.catch({}).parse(data);
  const title = values.milestoneTitle?.trim() ?? '';
  const due = values.milestoneDue?.trim() ?? '';
  const errors: FieldErrors = {};
  const result = apiUpdateSchema.safeParse({
    status: values.status || undefined,
    summary: values.summary ?? '',
    ...(title || due ? { nextMilestone: { title, due } } : {}),
  });
  if (!result.success) {
    const byField = fieldErrors(result.error);
    if (byField.status) errors.status = 'Choose a status.';
    if (byField.summary)
      errors.summary =
        byField.summary === 'Required.'
          ? 'Write a summary of the current position.'
          : `The summary is too long: ${(values.summary ?? '').trim().length.toLocaleString('en-GB')} characters; the limit is ${maxSummaryChars.toLocaleString('en-GB')}.`;
    if (byField['nextMilestone.title'])
      errors.milestoneTitle = title ? byField['nextMilestone.title'] : 'Give the milestone a title, or clear its date.';
    if (byField['nextMilestone.due']) errors.milestoneDue = due ? byField['nextMilestone.due'] : 'Give the milestone a due date.';
    return { values, ok: false, errors };
  }
  return { values, ok: true, update: result.data };
}
