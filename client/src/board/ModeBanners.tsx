import { describePerson } from '../../../shared/credit'
import type { PublishedPerson } from '../../../shared/participant'
import { roleLabel } from '../../../shared/roles'
import { useBoardContext, type Highlight } from './BoardContext'
import { RoundBanner } from '../round/RoundBanner'
import { ConnectionBanner } from './ConnectionStatus'

/**
 * Under the top bar, on every screen size: what is going on that the person has to know about
 * now, each mode with the way to stop it. Being offline or unable to connect; "Showing Sam’s
 * contributions — Stop" while the canvas fades everything else; "Adding for Maureen — Stop"
 * while what this device adds is credited to someone else; a private round while one is open.
 */
export function ModeBanners({
  highlight,
  onStopHighlight,
  onAddFromForm,
}: {
  highlight?: Highlight | null
  onStopHighlight?: () => void
  /**
   * Above the canvas (not the phone lane): opens "Add from a form", the way to add during a
   * private round, while the canvas and its toolbar are still.
   */
  onAddFromForm?: () => void
}) {
  const { connection, people, identity, writingFor, writingForReply } = useBoardContext()
  const addingFor = writingForReply.for ? people.get(writingForReply.for) : undefined
  return (
    <div className="board-banners cm">
      <ConnectionBanner state={connection} />
      <div role="status" className="mode-banners">
        <RoundBanner onAddFromForm={onAddFromForm} />
        {highlight && onStopHighlight && (
          <p className="mode-banner" data-testid="highlight-mode">
            <span>{showingWords(highlight, people, identity.participant.id)}</span>
            <button type="button" onClick={onStopHighlight}>
              Stop<span className="visually-hidden"> showing them</span>
            </button>
          </p>
        )}
        {writingForReply.for && (
          <p className="mode-banner" data-testid="adding-for-mode">
            <span>
              Adding for {addingFor ? describePerson(addingFor) : 'someone who is no longer listed'}
            </span>
            <button type="button" onClick={() => writingFor.set(null)}>
              Stop<span className="visually-hidden"> adding for them</span>
            </button>
          </p>
        )}
      </div>
    </div>
  )
}

/** "Showing Sam’s contributions", "Showing your contributions", "Showing what practitioners added". */
export function showingWords(
  highlight: Highlight,
  people: ReadonlyMap<string, PublishedPerson>,
  selfId: string,
): string {
  if (highlight.kind === 'role') {
    return `Showing what people in the role “${roleLabel(highlight.role)}” added`
  }
  if (highlight.participantId === selfId) return 'Showing your contributions'
  const person = people.get(highlight.participantId)
  if (!person || person.credit === 'not-named')
    return 'Showing the contributions of someone not named'
  return `Showing ${person.name}’s contributions`
}
