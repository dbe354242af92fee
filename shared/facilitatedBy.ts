import type { CreditedParticipant } from './credit'

/**
 * "Alex · Facilitator": a person running the session, as credited. Facilitating is what they do
 * in this session, whatever role they chose, so it is said apart from their role.
 */
export function facilitatorPhrase(person: Pick<CreditedParticipant, 'name'>): string {
  return `${person.name} · Facilitator`
}

/**
 * "Facilitated by Alex · Facilitator and Sam · Facilitator", or null when nobody is: the line
 * the People panel and the exports show apart from who contributed, so running a session is
 * never mistaken for writing what others said.
 */
export function facilitatedByLine(
  facilitators: readonly Pick<CreditedParticipant, 'name'>[],
): string | null {
  const phrases = facilitators.map(facilitatorPhrase)
  if (phrases.length === 0) return null
  const last = phrases.pop()!
  return `Facilitated by ${phrases.length > 0 ? `${phrases.join(', ')} and ${last}` : last}`
}
