/**
 * The data behind a concern's alert card (`cards/concern-alert.json`): severity colour, subject,
 * facts, due dates, the strategy's guidance and the event trail. Code builds data; the template is
 * the card.
 */
import type { Attachment } from 'botbuilder';
import type { OutboxActivity } from '../notifications/enqueue';
import { expandCard } from '../teams/card-render';
import { literal, literalLine } from '../teams/markdown';
import alertTemplate from './cards/concern-alert.json';
import type { ConcernAlert, ConcernContext } from './concern-service';
import { kindLabels, ratingLabels, type Concern, type ConcernEvent, type Deadline } from './concern-types';
import { daysBetween, displayDate } from './due-dates';

export type Severity = 'high' | 'medium' | 'low';

/** Red, an Ofsted category, a warning notice or safeguarding is high; amber and formal steps short of those medium. */
export function severityOf(concern: Pick<Concern, 'kind' | 'rating'>): Severity {
  if (concern.kind === 'rayg') return concern.rating === 'red' ? 'high' : concern.rating === 'amber' ? 'medium' : 'low';
  if (['ofsted-category', 'warning-notice', 'safeguarding'].includes(concern.kind)) return 'high';
  if (['letter-of-concern', 'register', 'workstream-risk', 'kpi'].includes(concern.kind)) return 'medium';
  return 'low';
}

const look: Record<Severity, { style: string; color: string; label: string }> = {
  high: { style: 'attention', color: 'Attention', label: 'High' },
  medium: { style: 'warning', color: 'Warning', label: 'Medium' },
  low: { style: 'emphasis', color: 'Accent', label: 'Low' },
};

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

const eventVerb: Record<ConcernEvent['action'], string> = {
  raised: 'Raised',
  acknowledged: 'Acknowledged',
  assigned: 'Assigned to',
  resolved: 'Resolved',
};

/**
 * One line of the trail: "Assigned to Sam Jones (by themselves), 4 Dec 2026, 09:12". Names and notes are
 * what people typed (or Teams display names): escaped so they render as typed, on one line.
 */
export function eventLine(event: ConcernEvent): string {
  const name = literalLine(event.actor.name);
  const who = event.action === 'assigned' ? name : `by ${name}`;
  return `${eventVerb[event.action]} ${who} · ${dateTime(event.at)}${event.note ? ` — "${literalLine(event.note)}"` : ''}`;
}

/**
 * "Raised by" as a reader should take it. Through Teams it is the person who raised it. Through the API it
 * is only what the calling system wrote, so the key that vouches for it is named beside it.
 */
export function raisedByText(concern: Pick<Concern, 'raisedBy' | 'source' | 'events'>): string {
  const raiser = concern.events.find((e) => e.action === 'raised')?.actor;
  const key = concern.source === 'api' && raiser?.id.startsWith('api:') ? raiser.id.slice('api:'.length) : undefined;
  if (!key) return literalLine(concern.raisedBy);
  if (!concern.raisedBy || concern.raisedBy === raiser?.name) return `via API key ${key}`;
  return `${literalLine(concern.raisedBy)} (as named by another system, via API key ${key})`;
}

export interface CardContext extends ConcernContext {
  /** A line under the trail, e.g. a refusal shown only to the person who tried. */
  notice?: { text: string; tone: 'good' | 'attention' };
  /** Teams ids whose clients refresh the card automatically when they see it. */
  refreshUserIds?: string[];
}

function relative(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days > 0) return days === 1 ? 'tomorrow' : `in ${days} days`;
  return days === -1 ? 'yesterday — overdue' : `${-days} days ago — overdue`;
}

/** The template data for a concern's card. */
export function concernCardData(concern: Concern, ctx: CardContext): Record<string, unknown> {
  const severity = severityOf(concern);
  const subject = concern.school ? literalLine(concern.school.name) : (ctx.workstreamName ?? concern.workstream ?? 'Concern');
  const detail = concern.school
    ? [
        concern.school.urn ? `URN ${concern.school.urn}` : '',
        literalLine(concern.school.phase ?? ''),
        concern.workstream ? `Workstream: ${ctx.workstreamName ?? concern.workstream}` : '',
      ]
    : ['Workstream'];
  const facts: { title: string; value: string }[] = [{ title: 'Kind', value: kindLabels[concern.kind] }];
  if (concern.rating) {
    const change = concern.previousRating && concern.previousRating !== concern.rating ? `${ratingLabels[concern.previousRating]} → ` : '';
    facts.push({ title: 'Rating', value: `${change}${ratingLabels[concern.rating]}` });
  }
  facts.push({ title: 'Raised by', value: `${raisedByText(concern)}, ${dateTime(concern.raisedAt)}` });
  if (concern.issuedOn) facts.push({ title: 'Issued on', value: displayDate(concern.issuedOn) });
  for (const d of concern.deadlines) facts.push({ title: d.label, value: `${displayDate(d.date)} (${relative(ctx.today, d.date)})` });
  facts.push({ title: 'Status', value: concern.status.charAt(0).toUpperCase() + concern.status.slice(1) });
  if (concern.assignee) facts.push({ title: 'Assigned to', value: literalLine(concern.assignee.name) });

  return {
    id: concern.id,
    severityLabel: look[severity].label,
    style: look[severity].style,
    color: look[severity].color,
    kindLabel: kindLabels[concern.kind],
    subject,
    subjectDetail: detail.filter(Boolean).join(' · '),
    summary: literal(concern.summary),
    facts,
    guidance: ctx.guidance ? { text: ctx.guidance.text, citation: ctx.guidance.citation } : null,
    events: concern.events.map((e) => ({ text: eventLine(e) })),
    open: concern.status !== 'resolved',
    canAcknowledge: concern.status === 'open',
    notice: ctx.notice?.text ?? '',
    noticeColor: ctx.notice?.tone === 'good' ? 'Good' : 'Attention',
    refreshUserIds: ctx.refreshUserIds ?? [],
  };
}

/** The card JSON (invoke responses, message updates, tests). */
export function concernCard(concern: Concern, ctx: CardContext): Record<string, unknown> {
  const card = expandCard(alertTemplate, concernCardData(concern, ctx));
  // Without ids Teams refreshes only in one-to-one chats; an empty list would switch that off too.
  const refresh = card.refresh as { userIds?: unknown[] } | undefined;
  if (refresh && Array.isArray(refresh.userIds) && refresh.userIds.length === 0) delete refresh.userIds;
  return card;
}

/** The card as a message attachment. */
export function concernAttachment(concern: Concern, ctx: CardContext): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: concernCard(concern, ctx) };
}

const when = (days: number) =>
  days > 1 ? `in ${days} days` : days === 1 ? 'tomorrow' : days === 0 ? 'today' : `${-days} day${days === -1 ? '' : 's'} ago`;

function deadlineLine(concern: Concern, deadline: Deadline, days: number): string {
  const subject = concern.school ? literalLine(concern.school.name) : (concern.workstream ?? 'a concern');
  switch (deadline.key) {
    case 'compliance-period-end':
      return days < 0
        ? `⏰ The warning notice compliance period for ${subject} ended ${when(days)} (${displayDate(deadline.date)}).`
        : `⏰ The warning notice compliance period for ${subject} ends ${when(days)} (${displayDate(deadline.date)}).`;
    case 'expected-exit':
      return `⏰ ${subject} has been on the schools-causing-concern register past 18 months (expected to leave by ${displayDate(deadline.date)}).`;
    default:
      return `⏰ ${deadline.label} for ${subject}: ${displayDate(deadline.date)} (${when(days)}).`;
  }
}

/** The message an alert is posted as: a line saying why, and (for a concern) its card. */
export function concernAlertActivity(alert: ConcernAlert): OutboxActivity {
  if (alert.kind === 'milestone-overdue') {
    const { workstream, milestone, days } = alert;
    return {
      type: 'message',
      text: `⏰ Workstream milestone overdue — **${workstream.name}**: "${milestone.title}" was due ${displayDate(milestone.due)} (${when(days)}). Post a status update with \`update ${workstream.slug}\` if it has moved.`,
    };
  }
  const { concern, context } = alert;
  const subject = concern.school
    ? literalLine(concern.school.name)
    : concern.workstream
      ? (context.workstreamName ?? concern.workstream)
      : 'a concern';
  return {
    type: 'message',
    text: alert.kind === 'deadline' ? deadlineLine(concern, alert.deadline, alert.days) : `New concern: ${kindLabels[concern.kind]} — ${subject}`,
    attachments: [concernAttachment(concern, context)],
  };
}

/**
 * What someone who may not see a concern gets when their client refreshes its card: that they may not,
 * and nothing else — not the school, the summary or the trail.
 */
export function unavailableCard(): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Concern', weight: 'Bolder', size: 'Medium', wrap: true },
      {
        type: 'TextBlock',
        text: 'This card is shown only to admins, the SEND Executive and officers, and in the conversations it was posted to.',
        wrap: true,
        isSubtle: true,
      },
    ],
  };
}
