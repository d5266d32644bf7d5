/**
 * How a candidate unit of an answer is scored: exp(Σ weight × feature). The features are computed in
 * `compose.ts`; an indicator is 1 when it holds. The weights were first set by hand, as multipliers (ln 1.3
 * for "the unit defines the term asked about"), then fitted end to end to the development question sets by
 * `eval/tools/fit-weights.ts` (a coordinate search that keeps a move only when more development questions
 * are answered right and the answering tests still pass). Held-out sets are never used for fitting.
 */
export interface Features {
  /** ln of the share of the question's weight the unit covers (itself, its headings, its list, its neighbours). */
  coverage: number;
  /** ln(0.75 + 0.25 × the passage's retrieval score relative to the best). */
  retrieval: number;
  /** ln(0.8 + 0.2 × the share it states in its own words). */
  ownShare: number;
  /** ln(1 + 0.5 × the share of borrowed context it reaches). */
  context: number;
  /** ln(1 + 0.3 × the share its headings name). */
  focus: number;
  /** The unit states a fact of the kind asked for (a date for "when", a number for "how many"). */
  factStated?: number;
  /** …within a few words of something the question names. */
  factNearSubject?: number;
  /** Neither it nor the sentences near it state the kind of fact asked for. */
  factMissing?: number;
  /** A number in it counts what "how many" asked about. */
  countsAsked?: number;
  /** A short run of words without closing punctuation (a heading-like fragment). */
  fragment?: number;
  /** Under 25 characters. */
  short?: number;
  /** Over 450 characters. */
  long?: number;
  /** It spells out the term asked about (acronym and expansion both). */
  spelled?: number;
  /** A list question, and the unit introduces a list. */
  listLeadIn?: number;
  /** A process question, and the unit opens with a condition ("If…", "When…"). */
  condition?: number;
  /** A "what is/mean" question, and the unit says what the term is. */
  defines?: number;
  /** A question naming the kind of answer ("which strategy"), and the unit names one in a title. */
  namesKind?: number;
  /** A "where does it stand" question, and the unit introduces the passage marked as its subject's summary. */
  summary?: number;
  /** It is in a document's About passage. */
  about?: number;
  /** A "who" question, and the unit (or its list) names someone the papers name, or a post ("the Deputy Director"). */
  people?: number;
  /** A "who" question about a body ("who sits on the SSEB?"), and the unit (or its list) names two or more people or posts: its members. */
  members?: number;
  /** It introduces a list. */
  leadIn?: number;
  /** A process question, and the unit introduces a list (of steps). */
  processLeadIn?: number;
  /** A question about what will happen, and the unit says what will ("What the QSO workstream will do…"). */
  future?: number;
  /** A question about what has happened so far, and the unit (or its heading) says what will. */
  plansForProgress?: number;
  /** A question about what must be done, and the unit says what must ("is required to…"). */
  obligation?: number;
  /** A question about how far something has got, and the unit is in a passage that says where its subject stands. */
  position?: number;
  /** A "whose…?" question, and the unit names someone as the owner of the thing asked about ("Dr Glenys Jones’ review"). */
  possessor?: number;
}

// fitted-weights:start
export const UNIT_WEIGHTS: Readonly<Record<keyof Features, number>> = {
  coverage: 2.1,
  retrieval: 0.8,
  ownShare: 1,
  context: 0.9,
  focus: 1,
  factStated: 0.023,
  factNearSubject: 0.505,
  factMissing: -0.311,
  countsAsked: 0.47,
  fragment: -0.357,
  short: -0.073,
  long: 0.037,
  spelled: 0.405,
  listLeadIn: 0.536,
  condition: 0.262,
  defines: 0.112,
  namesKind: 0.3,
  summary: 0.67,
  about: -0.511,
  people: 0.3,
  members: 0.3,
  leadIn: -0.1,
  processLeadIn: 0,
  future: 0.2,
  plansForProgress: -1,
  obligation: 0.3,
  position: 0.3,
  possessor: 1.5,
};
// fitted-weights:end
