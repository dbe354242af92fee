import type { Participant } from '../../../shared/participant'

/** A small round badge with a person's initial on their colour; decorative, the name is always shown nearby. */
export function PersonBadge({ person }: { person: Pick<Participant, 'name' | 'color'> }) {
  const initial = Array.from(person.name.trim())[0]?.toUpperCase() ?? '?'
  return (
    <span className="person-badge" style={{ backgroundColor: person.color }} aria-hidden="true">
      {initial}
    </span>
  )
}
