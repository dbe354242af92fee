import { BaseBoxShapeTool } from 'tldraw'
import type { MapCardShape } from '../shapes/MapCardShapeUtil'

/**
 * A tool that places a card: click to drop one of its default size centred on the pointer, or
 * drag to draw it at the size you want. The tool's id is the card's shape type.
 */
function cardTool(type: MapCardShape['type']) {
  return class extends BaseBoxShapeTool {
    static override id = type
    static override initial = 'idle'
    override shapeType: MapCardShape['type'] = type
  }
}

/** Places a service card. */
export const ServiceTool = cardTool('service')
/** Places a "someone like me" card. */
export const PersonTool = cardTool('person')
/** Places a note with a purpose. */
export const PurposeNoteTool = cardTool('purpose-note')
/** Places an action. */
export const ActionTool = cardTool('action')
