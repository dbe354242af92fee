import type { MapShape } from '../../../../shared/mapShapes'

/**
 * What the form of one map shape is given: the shape as it is now, and how to change some of its
 * props as the person types (on the canvas through tldraw, in the phone lane straight into the
 * board's document), so that everyone on the board sees the change at once.
 */
export interface MapShapeFormProps<Shape extends MapShape> {
  readonly shape: Shape
  readonly update: (props: Partial<Shape['props']>) => void
}
