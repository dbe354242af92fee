import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import { useState, type ReactNode } from 'react'
import { isMapShape, type MapShape } from '../../../shared/mapShapes'
import { mapOutline } from '../../../shared/mapOutline'
import {
  actionStatus,
  actionWhat,
  actionWhoAndWhen,
  NOTE_SECTIONS,
  serviceDetails,
} from '../../../shared/outlineWords'
import type { Participant } from '../../../shared/participant'
import { ServiceKinds } from '../../../shared/shapes/serviceShape'
import { MapShapeForm } from '../map/forms/MapShapeForm'
import { HideForNow } from '../safety/HideForNow'

/**
 * The map as a live list, grouped as the canvas's list panel groups it: services by kind,
 * "someone like me", the notes by purpose, and what happens next. What this person added can be
 * edited in place, with the same fields as the canvas's form.
 */
export function LaneList({
  records,
  participantsById,
  isOwn,
  update,
  onOwnerChosen,
  onHidden,
}: {
  records: readonly TLRecord[]
  participantsById: ReadonlyMap<string, Participant>
  /** Whether this person added the card (so may edit it here). */
  isOwn: (id: TLShapeId) => boolean
  update: (shape: MapShape, props: Partial<MapShape['props']>) => void
  onOwnerChosen: (participant: Participant) => void
  /** Given when this person may hide cards for review; told in plain words once one is. */
  onHidden?: (said: string) => void
}) {
  const outline = mapOutline(records, participantsById)
  const shapes = new Map(
    records.flatMap((record) =>
      record.typeName === 'shape' && isMapShape(record) ? [[record.id, record] as const] : [],
    ),
  )
  const item = (id: TLShapeId, words: string, children: ReactNode = words) => (
    <LaneItem
      key={id}
      id={id}
      words={words}
      onHidden={onHidden}
      shape={isOwn(id) ? shapes.get(id) : undefined}
      participants={[...participantsById.values()]}
      update={update}
      onOwnerChosen={onOwnerChosen}
    >
      {children}
    </LaneItem>
  )
  return (
    <section className="lane-list" aria-labelledby="lane-list-heading" data-testid="lane-list">
      <h2 id="lane-list-heading">What is on the board</h2>
      {outline.isEmpty && <p>Nothing is on the map yet. Add the first card above.</p>}
      {outline.notes.map(({ purpose, notes }) => (
        <Group key={purpose} heading={NOTE_SECTIONS[purpose].heading} count={notes.length}>
          {notes.map((note) => item(note.id, note.text || 'An empty note'))}
        </Group>
      ))}
      {outline.serviceGroups.map(({ kind, services }) => (
        <Group
          key={kind}
          heading={`Services: ${ServiceKinds.get(kind).label}`}
          count={services.length}
        >
          {services.map((service) =>
            item(
              service.id,
              service.name,
              <>
                {service.name}
                {serviceDetails(service) && (
                  <span className="lane-list__details">{serviceDetails(service)}</span>
                )}
              </>,
            ),
          )}
        </Group>
      ))}
      <Group heading="Someone like me" count={outline.people.length}>
        {outline.people.map((person) => item(person.id, person.name))}
      </Group>
      <Group heading="What happens next" count={outline.actions.length}>
        {outline.actions.map((action) =>
          item(
            action.id,
            actionWhat(action),
            <>
              {actionWhat(action)}
              <span className="lane-list__details">
                {[actionWhoAndWhen(action), actionStatus(action)].filter(Boolean).join(' · ')}
              </span>
            </>,
          ),
        )}
      </Group>
    </section>
  )
}

function Group({
  heading,
  count,
  children,
}: {
  heading: string
  count: number
  children: ReactNode
}) {
  if (count === 0) return null
  return (
    <section className="lane-list__group">
      <h3>
        {heading} ({count})
      </h3>
      <ul>{children}</ul>
    </section>
  )
}

/** One card in the list; the person's own cards have an Edit button that opens their fields. */
function LaneItem({
  id,
  words,
  onHidden,
  shape,
  participants,
  update,
  onOwnerChosen,
  children,
}: {
  id: TLShapeId
  /** The card's words, to name it to screen readers. */
  words: string
  onHidden: ((said: string) => void) | undefined
  /** Set when this person may edit the card. */
  shape: MapShape | undefined
  participants: readonly Participant[]
  update: (shape: MapShape, props: Partial<MapShape['props']>) => void
  onOwnerChosen: (participant: Participant) => void
  children: ReactNode
}) {
  const [editing, setEditing] = useState(false)
  return (
    <li className="lane-list__item">
      <p>{children}</p>
      {onHidden && <HideForNow shapeId={id} cardName={`the card ‘${words}’`} onHidden={onHidden} />}
      {shape && (
        <>
          <button type="button" aria-expanded={editing} onClick={() => setEditing((was) => !was)}>
            {editing ? 'Done' : 'Edit'}
            <span className="visually-hidden"> what you added</span>
          </button>
          {editing && (
            <div className="lane-list__edit">
              <MapShapeForm
                shape={shape}
                update={(props) => update(shape, props)}
                participants={participants}
                onOwnerChosen={onOwnerChosen}
              />
            </div>
          )}
        </>
      )}
    </li>
  )
}
