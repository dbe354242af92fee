import { useId, useState } from 'react'
import type { Participant } from '../../../shared/participant'
import { PersonBadge } from './PersonBadge'

/**
 * Who is on the board right now: a row of badges (initial + colour, with the name as its
 * accessible label) and a button that opens the full list with names and roles. People watching
 * through a watch link are counted ("3 watching"), never listed: they are nobody on the board.
 */
export function WhosHere({
  people,
  selfId,
  watching = 0,
}: {
  people: readonly Participant[]
  selfId: string
  watching?: number
}) {
  const [open, setOpen] = useState(false)
  const listId = useId()
  const count = people.length
  return (
    <div className="whos-here">
      <button
        type="button"
        className="whos-here-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="badges" aria-hidden="true">
          {people.slice(0, 5).map((p) => (
            <PersonBadge key={p.id} person={p} />
          ))}
        </span>
        <span>{count === 1 ? '1 person here' : `${count} people here`}</span>
        {watching > 0 && <span data-testid="watching">· {watching} watching</span>}
      </button>
      {open && (
        <div className="popover" id={listId}>
          <h2 className="popover-heading">Who’s here</h2>
          <ul className="people-list" data-testid="whos-here-list">
            {people.map((p) => (
              <li key={p.id}>
                <PersonBadge person={p} />
                <span>
                  <strong>{p.id === selfId ? `${p.name} (you)` : p.name}</strong>
                  {p.roleLabel && <span className="muted"> · {p.roleLabel}</span>}
                </span>
              </li>
            ))}
          </ul>
          {watching > 0 && (
            <p className="hint">
              {watching === 1 ? '1 screen is' : `${watching} screens are`} watching through a watch
              link. They see the board but cannot change anything.
            </p>
          )}
        </div>
      )}
    </div>
  )
}
