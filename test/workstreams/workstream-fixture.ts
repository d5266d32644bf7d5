/** A hand-written workstream in the registry's shape, for unit tests that should not depend on the import. */
import type { Workstream } from '../../src/workstreams/registry-schema';

export function fixtureWorkstream(overrides: Partial<Workstream> = {}): Workstream {
  return {
    slug: 'exceptional-needs-funding',
    name: 'Exceptional Needs Funding',
    lead: { name: 'Jennie Newman', role: 'County Lead for SEN' },
    representatives: [
      { name: 'Alisdair Skinner', role: 'Primary Head' },
      { name: 'Lee-Ann Britten', role: 'Primary Head', substitute: true },
      { name: 'tbc', role: 'Parent', toBeConfirmed: true },
    ],
    actions: ['Review the approach to meeting the most complex needs in mainstream schools'],
    outcomes: ['Needs are met efficiently, equitably and effectively'],
    position: ['An independent review started in October', 'Findings will be reported by February half term'],
    milestones: [
      {
        title: 'Findings and recommendations reported',
        due: '2016-02-12',
        dueText: 'by February half term',
        derived: true,
        source: 'The findings will be reported by February half term',
      },
      { title: 'Further meetings', due: '2016-01-31', dueText: 'in January/February', derived: true, source: 'further meetings in January/February' },
    ],
    ...overrides,
  };
}
