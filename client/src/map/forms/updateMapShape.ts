import type { Editor, TLShapePartial } from 'tldraw'
import type { MapShape } from '../../../../shared/mapShapes'

/** Changes some of a map shape's props, as one edit by the person at the keyboard. */
export function updateMapShape<Shape extends MapShape>(
  editor: Editor,
  shape: Shape,
  props: Partial<Shape['props']>,
): void {
  editor.updateShape({ id: shape.id, type: shape.type, props } as TLShapePartial<Shape>)
}
