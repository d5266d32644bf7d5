/**
 * The shape of `data/workstreams.json`: the ten SEND workstreams as the January 2016 progress paper
 * lists them. The importer writes it, `loadRegistry` validates it; both go through this schema so a
 * hand edit that breaks the shape fails loudly at start rather than in an answer.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A person named in the "Lead & Representatives" cell, with the role written after their name. */
export const memberSchema = z.object({
  name: z.string().min(1),
  /** As written ("Primary Head", "Senior Advisory Teacher, Sensory and Physical Needs"). */
  role: z.string(),
  /** Written "(Sub)" after the name: a substitute who attends when the main representative cannot. */
  substitute: z.literal(true).optional(),
  /** The seat is named but the person is "tbc" (to be confirmed). */
  toBeConfirmed: z.literal(true).optional(),
});

/** The lead: a person with a role, or an organisation (the DSPL Area Groups are led by a group). */
export const leadSchema = z.object({
  name: z.string().min(1),
  role: z.string().optional(),
  organisation: z.literal(true).optional(),
});

/**
 * A dated commitment read out of the text ("will commence in January"). The paper gives no dates,
 * only phrases, so `due` is resolved against the paper's date and always marked `derived`.
 */
export const milestoneSchema = z.object({
  title: z.string().min(1),
  due: isoDate,
  /** The phrase as written: "by February half term". */
  dueText: z.string().min(1),
  derived: z.literal(true),
  /** The bullet the milestone was read from, verbatim. */
  source: z.string().min(1),
});

export const workstreamSchema = z.object({
  /** Lower-case hyphenated name, stable id used by cards, updates and the API. */
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  /** Other names people use for it, matched exactly ("SpLD", "SLCN"). */
  aliases: z.array(z.string().min(1)).optional(),
  lead: leadSchema,
  representatives: z.array(memberSchema),
  /** "What will be done". */
  actions: z.array(z.string().min(1)),
  outcomes: z.array(z.string().min(1)),
  /** "Summary of Current Position". */
  position: z.array(z.string().min(1)),
  milestones: z.array(milestoneSchema),
});

export const registryFileSchema = z
  .object({
    source: z.object({
      /** Path of the paper, relative to the project root. */
      file: z.string().min(1),
      /** Id of the same paper in the document index, so registry answers cite the same document. */
      docId: z.string().min(1),
      /** The paper's heading as written ("Item 9 – HLN – Progress on SEND Strategy and Workstreams"). */
      title: z.string().min(1),
      /** YYYY-MM: the paper is undated, so this is estimated from the months its text treats as past. */
      date: z.string().regex(/^\d{4}-\d{2}$/),
      dateApproximate: z.literal(true),
      /** Why the date was estimated as it was. */
      dateBasis: z.string().min(1),
      /** The table's column headings, in order. */
      columns: z.array(z.string().min(1)).length(5),
    }),
    workstreams: z.array(workstreamSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, ws] of file.workstreams.entries()) {
      if (seen.has(ws.slug)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['workstreams', i, 'slug'], message: `duplicate slug ${ws.slug}` });
      }
      seen.add(ws.slug);
    }
  });

export type Member = z.infer<typeof memberSchema>;
export type Lead = z.infer<typeof leadSchema>;
export type RegistryMilestone = z.infer<typeof milestoneSchema>;
export type Workstream = z.infer<typeof workstreamSchema>;
export type RegistryFile = z.infer<typeof registryFileSchema>;
