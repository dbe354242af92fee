import { useEffect, useState } from 'react'
import { useValue, type Editor } from 'tldraw'
import { isLayoutShapeId } from '../../../shared/sessionAreas'
import { useBoardContext } from '../board/BoardContext'
import { cardName } from './cardWords'
import { HideForNow } from './HideForNow'

/**
 * Beside the canvas, for the one card selected: "Hide for now" (HideForNow). Outside tldraw's
 * canvas, so it is reached with the keyboard like any button. The areas and their prompts are
 * the session's layout, not anyone's card, and are never offered; nor is a card already hidden.
 */
export function SelectedCardBar({ editor, canEdit }: { editor: Editor; canEdit: boolean }) {
  const { hidden } = useBoardContext()
  const [said, setSaid] = useState('')
  const card = useValue(
    'card to hide',
    () => {
      const shape = editor.getOnlySelectedShape()
      if (!shape || shape.type === 'frame' || isLayoutShapeId(shape.id)) return undefined
      return { id: shape.id, name: cardName(editor, shape) }
    },
    [editor],
  )
  const cardId = card?.id
  // What was said about the last card hidden stays until another card is chosen.
  useEffect(() => {
    if (cardId) setSaid('')
  }, [cardId])
  const offered = canEdit && card && !hidden.has(card.id)
  return (
    <div className="selected-card-bar cm" hidden={!offered && !said}>
      {offered && (
        <HideForNow
          key={card.id}
          shapeId={card.id}
          cardName={card.name}
          onHidden={(words) => {
            editor.selectNone()
            setSaid(words)
          }}
        />
      )}
      <p role="status" className={said ? 'hint' : 'visually-hidden'}>
        {said}
      </p>
    </div>
  )
}
