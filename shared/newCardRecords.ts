import {
  createShapeId,
  type TLPageId,
  type TLRecord,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { newCardFor, placeNewCard, type NewCard } from './cardPlacement'
import { MAP_SHAPE_DEFAULTS } from './mapShapes'

/** The map's cards a person can add from the phone lane (routes need the canvas or its list). */
export type LaneCardType = NewCard['type']

/** The props a new card of `Type` is given, over its defaults. */
export type LaneCardProps<Type extends LaneCardType> = Partial<TLShape<Type>['props']>

/**
 * The records to write for a card added from the phone lane, which has no tldraw editor to do
 * it: the card in its area's grid (shared/cardPlacement.ts, the same place the canvas's form
 * would choose), above everything already in that area, with its author's stamp in `meta` as
 * the canvas writes it; and before it, the areas that grew or moved to make room for it.
 */
export function newCardRecords<Type extends LaneCardType>(
  records: readonly TLRecord[],
  type: Type,
  props: LaneCardProps<Type>,
  participantId: string,
  now: number,
  id: TLShapeId = createShapeId(),
): { readonly card: TLShape<Type>; readonly changed: readonly TLShape[] } {
  const page = firstPage(records)
  const defaults = MAP_SHAPE_DEFAULTS[type]() as TLShape<Type>['props'] & { w: number; h: number }
  const placement = placeNewCard(records, page, newCardFor(type, props), defaults)
  const byId = new Map(records.map((record) => [record.id, record]))
  const changed = placement.frameChanges.flatMap(({ id: frameId, y, h }) => {
    const frame = byId.get(frameId) as TLShape<'frame'> | undefined
    if (!frame) return []
    return [
      {
        ...frame,
        ...(y !== undefined && { y }),
        props: { ...frame.props, ...(h !== undefined && { h }) },
      },
    ]
  })
  const siblings = records.filter(
    (record): record is TLShape =>
      record.typeName === 'shape' && record.parentId === placement.parentId,
  )
  const top = siblings
    .map((shape) => shape.index)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .pop()
  const shape = {
    id,
    typeName: 'shape',
    type,
    parentId: placement.parentId,
    index: getIndexAbove(top as IndexKey | undefined),
    x: placement.x,
    y: placement.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: { createdBy: participantId, createdAt: now },
    props: { ...defaults, ...props },
  } as unknown as TLShape<Type>
  return { card: shape, changed }
}

/** The board's first page, where the session's areas are. */
export function firstPage(records: readonly TLRecord[]): TLPageId {
  const pages = records
    .filter((record) => record.typeName === 'page')
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0))
  const page = pages[0]
  if (!page) throw new Error('This board has no page to add to yet.')
  return page.id
}
