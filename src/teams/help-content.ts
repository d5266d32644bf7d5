/**
 * What the bot tells people it can do: one source for the welcome card, `help`, and the hint in a
 * declined answer. Capabilities add their own commands here as they are built.
 */
export interface HelpSection {
  heading: string;
  commands: { command: string; what: string }[];
}

export const helpSections: HelpSection[] = [
  {
    heading: 'Ask about the strategy documents',
    commands: [
      { command: 'Any question', what: 'e.g. "What happens when a school is rated amber?" — answered from the indexed papers, with citations' },
      { command: 'Acronyms', what: 'e.g. "What does HASSH stand for?"' },
      { command: 'People and roles', what: 'e.g. "Who leads the autism workstream?", "Which workstreams is Helen Booth on?"' },
    ],
  },
  {
    heading: 'SEND workstreams',
    commands: [
      { command: 'status', what: 'The dashboard: all ten workstreams with status, lead, next milestone and last update' },
      {
        command: 'status autism',
        what: 'One workstream (any part of its name); also "what\'s overdue?", "what changed since 1 March?", "my workstreams"',
      },
      { command: 'update autism', what: 'Leads and admins: report progress (status, summary, next milestone)' },
      { command: 'follow autism / follow all', what: 'Post updates in this chat or channel ("follow all" adds the Monday digest); unfollow to stop' },
      {
        command: 'paper',
        what: 'Admins and SEND Executive members: the meeting paper ("Progress on SEND Strategy and Workstreams") as a Word document',
      },
      { command: 'grant lead autism @person', what: 'Admins: also grant executive @person, grant officer @person, revoke …, roles' },
    ],
  },
  {
    heading: 'Concern alerts (admins, SEND Executive and officers)',
    commands: [
      { command: 'raise concern', what: 'Open the form to raise a concern about a school, setting or workstream' },
      { command: 'concerns', what: 'List the open concerns' },
      { command: 'subscribe concerns', what: 'Admins: post concern alerts in this conversation (unsubscribe concerns to stop)' },
    ],
  },
];

export const documentsCovered =
  'the Hertfordshire School Improvement Strategy 2021-2026, Each and Every Child (2023), the SEND workstreams progress paper (2016) and the superseded School Effectiveness Plus (2004)';

/** One line for a declined answer: what the bot can answer instead. */
export const declineHint = `I can answer questions about ${documentsCovered}, and about the SEND workstreams — try "help".`;

/** Buttons that type the common commands, so nobody has to remember them (Teams sends the text as if typed). */
export const commandButtons: { title: string; command: string }[] = [
  { title: 'Workstream dashboard', command: 'status' },
  { title: "What's overdue?", command: 'overdue' },
  { title: 'My workstreams', command: 'my workstreams' },
  { title: 'Follow all workstreams here', command: 'follow all' },
  { title: 'Raise a concern', command: 'raise concern' },
];

export function helpCardData(kind: 'welcome' | 'help'): object {
  return {
    buttons: commandButtons,
    title: kind === 'welcome' ? 'Hello — I am the Herts SEND Assistant' : 'What I can do',
    intro:
      kind === 'welcome'
        ? `I answer questions about Hertfordshire's school-improvement and SEND partnership from ${documentsCovered}, and I keep the SEND Executive up to date on its workstreams.`
        : `I answer from ${documentsCovered}. When the papers don't say, I tell you so.`,
    sections: helpSections,
    footer: 'Answers are drawn from the documents and may be incomplete: follow the citation to check. Use 👍/👎 to tell us how I did.',
  };
}
