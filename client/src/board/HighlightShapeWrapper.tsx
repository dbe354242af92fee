import { forwardRef, useContext } from 'react'
import { DefaultShapeWrapper, type TLShapeWrapperProps } from 'tldraw'
import type { RecordAttribution } from '../../../shared/attribution'
import type { PublishedPerson } from '../../../shared/participant'
import { creditedTo } from '../collab/attribution'
import { HighlightContext, type Highlight } from './BoardContext'

/**
 * Whether a shape is among the highlighted contributions: credited to the person (added it or
 * changed its words), or to anyone in the role. Shapes nobody is credited with (from before the
 * ledger) are never highlighted.
 */
export function isHighlighted(
  highlight: Highlight,
  shapeId: string,
  attribution: RecordAttribution | undefined,
  people: ReadonlyMap<string, PublishedPerson>,
): boolean {
  const credited = creditedTo(shapeId, attribution)
  if (highlight.kind === 'person') return credited.includes(highlight.participantId)
  return credited.some((id) => people.get(id)?.role === highlight.role)
}

/**
 * tldraw's shape wrapper, marked for the People panel's highlighting: while someone's (or a
 * role's) contributions are shown, theirs are outlined and everything else fades. The outline
 * and the fading together mean it never rests on colour alone. A card someone else has just
 * added is marked too, for a few seconds, with its author's name beside it (ArrivalLabels), and
 * on a facilitator's canvas a card hidden for review is faded and outlined (HiddenLabels).
 */
export const HighlightShapeWrapper = forwardRef<HTMLDivElement, TLShapeWrapperProps>(
  function HighlightShapeWrapper(props, ref) {
    const { highlight, attributions, people, arrivals, hidden } = useContext(HighlightContext)
    const state = highlight
      ? isHighlighted(highlight, props.shape.id, attributions.get(props.shape.id), people)
        ? 'lit'
        : 'faded'
      : undefined
    return (
      <DefaultShapeWrapper
        ref={ref}
        {...props}
        data-highlight={state}
        data-arrived={arrivals.has(props.shape.id) || undefined}
        data-hidden-for-review={hidden.has(props.shape.id) || undefined}
      />
    )
  },
)
