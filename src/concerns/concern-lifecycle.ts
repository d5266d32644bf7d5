/**
 * The lifecycle open → acknowledged → assigned → resolved. Steps may be skipped forward (someone can
 * take a concern straight from open, or resolve one nobody acknowledged) but never go back, and a
 * resolved concern stays resolved. Each step is kept as an event with who and when.
 */
import type { Actor, Concern, ConcernEvent, ConcernStatus } from './concern-types';

export type LifecycleAction = 'acknowledge' | 'assign-to-me' | 'resolve';

export type Transition = { ok: true; status: ConcernStatus; assignee?: Actor; event: ConcernEvent } | { ok: false; reason: string };

/** Works out what an action does to a concern, or why it can't be done; changes nothing itself. */
export function nextState(concern: Pick<Concern, 'status' | 'assignee'>, action: LifecycleAction, actor: Actor, at: Date, note?: string): Transition {
  if (concern.status === 'resolved') return { ok: false, reason: 'This concern is already resolved.' };
  const iso = at.toISOString();
  switch (action) {
    case 'acknowledge':
      if (concern.status !== 'open') return { ok: false, reason: `This concern has already been ${concern.status}.` };
      return { ok: true, status: 'acknowledged', assignee: concern.assignee, event: { action: 'acknowledged', actor, at: iso } };
    case 'assign-to-me':
      if (concern.status === 'assigned' && concern.assignee?.id === actor.id) {
        return { ok: false, reason: 'This concern is already assigned to you.' };
      }
      return { ok: true, status: 'assigned', assignee: actor, event: { action: 'assigned', actor, at: iso } };
    case 'resolve': {
      const trimmed = note?.trim();
      if (!trimmed) return { ok: false, reason: 'Add a note saying how it was resolved.' };
      return {
        ok: true,
        status: 'resolved',
        assignee: concern.assignee,
        event: { action: 'resolved', actor, at: iso, note: trimmed.slice(0, 1000) },
      };
    }
  }
}
