import type { OutlineAction, OutlineRoute, OutlineService } from './mapOutline'
import { ActionStatuses } from './shapes/actionShape'
import type { NotePurpose } from './shapes/purposeNoteShape'
import { RouteKinds } from './shapes/routeShape'
import { ServiceAccess } from './shapes/serviceShape'
import { formatDueDate } from './formatDueDate'

// The words "the map as a list" and the exports (PDF, HTML, CSV) use for the same things, so a
// reader of a report finds what they saw in the list.

/** What each kind of note is called as a heading, and what is said when there are none. */
export const NOTE_SECTIONS: Record<NotePurpose, { heading: string; empty: string }> = {
  barrier: { heading: 'What gets in the way', empty: 'No barriers noted yet.' },
  'what-works': { heading: 'What works', empty: 'Nothing noted yet as working.' },
  idea: { heading: 'Ideas', empty: 'No ideas yet.' },
  question: { heading: 'Questions', empty: 'No questions yet.' },
}

/** A service's details: "Run by NHS", "For adults", "Referral needed" (empty ones left out). */
export function serviceDetailParts(service: OutlineService): string[] {
  return [
    service.runBy && `Run by ${service.runBy}`,
    service.forWhom && `For ${service.forWhom}`,
    service.access !== 'not-sure' && ServiceAccess.get(service.access).label,
  ].filter((part): part is string => Boolean(part))
}

/** A service's details as one line: "Run by NHS · For adults · Referral needed". */
export function serviceDetails(service: OutlineService): string {
  return serviceDetailParts(service).join(' · ')
}

/** A route seen from one of its cards: "Referral in, from Park Road GP". */
export function routeFromCard(route: OutlineRoute, direction: 'in' | 'out'): string {
  const kind = RouteKinds.get(route.kind).label
  return direction === 'in'
    ? `${kind} in, from ${route.from.name}`
    : `${kind} out, to ${route.to.name}`
}

/** A gap as a sentence: "No route from A to B". */
export function gapWords(gap: OutlineRoute): string {
  return `No route from ${gap.from.name} to ${gap.to.name}`
}

/** What an action says it will do, or that nothing is written yet. */
export function actionWhat(action: OutlineAction): string {
  return action.what.trim() || 'An action with nothing written yet'
}

/** Who and by when, in words: "Who: Sam · By: 31 March 2026" (the status is shown beside it). */
export function actionWhoAndWhen(action: OutlineAction): string {
  return `Who: ${action.who || 'nobody yet'} · By: ${formatDueDate(action.due) || 'no date yet'}`
}

/** An action's status label ("In progress"). */
export function actionStatus(action: OutlineAction): string {
  return ActionStatuses.get(action.status).label
}
