import { useValue, type Editor, type TLShapeId } from 'tldraw'

/** Where on the screen a card's top left corner is, for a label over the canvas. */
export interface CardPlace {
  readonly id: string
  readonly x: number
  readonly y: number
}

/** The screen places of the cards `cards` has that are on the page, kept up to date as the view moves. */
export function useCardPlaces(
  editor: Editor,
  cards: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): CardPlace[] {
  return useValue(
    'where the cards are',
    () =>
      [...cards.keys()].flatMap((id) => {
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        if (!bounds) return []
        const at = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
        return [{ id, x: at.x, y: at.y }]
      }),
    [editor, cards],
  )
}
