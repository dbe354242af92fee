import { useEffect, useId, useRef, useState } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { isMapShape, type MapShape, type MapShapeType } from '../../../shared/mapShapes'
import type { Participant } from '../../../shared/participant'
import { useEscapeWithin } from '../common/useEscapeWithin'
import { MapShapeForm } from './forms/MapShapeForm'
import { RouteForm } from './forms/RouteForm'
import { ownerUserRecord } from './forms/ownerUserRecord'
import { updateMapShape } from './forms/updateMapShape'
import { returnToCanvas } from './returnToCanvas'

/** What the form calls each kind of shape. */
const WORDS: Record<MapShapeType, { edit: string; remove: string }> = {
  service: { edit: 'Edit this service', remove: 'Delete this service' },
  person: { edit: 'Edit “someone like me”', remove: 'Delete this card' },
  route: { edit: 'Edit this route', remove: 'Delete this route' },
  'purpose-note': { edit: 'Edit this note', remove: 'Delete this note' },
  action: { edit: 'Edit this action', remove: 'Delete this action' },
}

/**
 * The plain-language form for the one map shape that is selected: every field of it, keyboard
 * accessible, changing the shape as the person types. It opens by itself when a map shape is
 * selected but does not take the keyboard from the canvas, unless asked to (`focusShapeId`, when
 * the shape was just added from a form). "Done" or Escape closes it and gives the keyboard back to
 * the canvas; while the shape stays selected, a button offers to open the form again.
 */
export function ShapeFormPanel({
  editor,
  participants,
  focusShapeId,
  onFocused,
}: {
  editor: Editor
  participants: readonly Participant[]
  focusShapeId: TLShapeId | undefined
  onFocused: () => void
}) {
  const shape = useValue(
    'shape for the form',
    () => {
      const selected = editor.getOnlySelectedShape()
      return selected && isMapShape(selected) ? selected : null
    },
    [editor],
  )
  const [closedFor, setClosedFor] = useState<TLShapeId>()
  const [focusWanted, setFocusWanted] = useState(false)
  const panelRef = useRef<HTMLElement>(null)
  const headingId = useId()
  const close = () => {
    if (!shape) return
    setClosedFor(shape.id)
    returnToCanvas(editor)
  }
  useEscapeWithin(panelRef, close)

  useEffect(() => {
    if (!shape || (shape.id !== focusShapeId && !focusWanted)) return
    panelRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus()
    setFocusWanted(false)
    if (shape.id === focusShapeId) {
      setClosedFor(undefined)
      onFocused()
    }
  }, [shape, focusShapeId, focusWanted, onFocused])

  if (!shape) return null
  const words = WORDS[shape.type]

  if (closedFor === shape.id) {
    return (
      <button
        type="button"
        className="shape-form-reopen"
        onClick={() => {
          setClosedFor(undefined)
          setFocusWanted(true)
        }}
      >
        {words.edit}
      </button>
    )
  }

  return (
    <section
      ref={panelRef}
      className="shape-form"
      aria-labelledby={headingId}
      data-testid="shape-form"
    >
      <header className="shape-form__header">
        <h2 id={headingId}>{words.edit}</h2>
        <button type="button" onClick={close}>
          Done
        </button>
      </header>
      <form className="shape-form__fields" onSubmit={(event) => event.preventDefault()}>
        <FieldsFor editor={editor} shape={shape} participants={participants} />
      </form>
      <button
        type="button"
        className="shape-form__delete"
        onClick={() => {
          editor.deleteShape(shape.id)
          returnToCanvas(editor)
        }}
      >
        {words.remove}
      </button>
    </section>
  )
}

function FieldsFor({
  editor,
  shape,
  participants,
}: {
  editor: Editor
  shape: MapShape
  participants: readonly Participant[]
}) {
  const update = (props: Partial<MapShape['props']>) => updateMapShape(editor, shape, props)
  if (shape.type === 'route') return <RouteForm editor={editor} shape={shape} update={update} />
  return (
    <MapShapeForm
      shape={shape}
      update={update}
      participants={participants}
      onOwnerChosen={(participant) => {
        const user = ownerUserRecord(participant)
        if (!editor.store.has(user.id)) editor.store.put([user])
      }}
    />
  )
}
