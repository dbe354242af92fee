import type { TLShapeUtilCanBindOpts, TLShapePartial } from 'tldraw'
import { ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import {
  defaultPurposeNoteShapeProps,
  NotePurposes,
  PURPOSE_NOTE_SHAPE_TYPE,
  purposeNoteShapeMigrations,
  purposeNoteShapeProps,
  type PurposeNoteShape,
} from '../../../shared/shapes/purposeNoteShape'
import type { CardContent } from './CardContent'
import { MapCardShapeUtil } from './MapCardShapeUtil'
import { NOTE_PURPOSE_STYLES } from './mapStyles'

/** A sticky note that says what it is for: a barrier, something that works, an idea or a question. */
export class PurposeNoteShapeUtil extends MapCardShapeUtil<PurposeNoteShape> {
  static override type = PURPOSE_NOTE_SHAPE_TYPE
  static override props = purposeNoteShapeProps
  static override migrations = purposeNoteShapeMigrations

  override getDefaultProps(): PurposeNoteShape['props'] {
    return defaultPurposeNoteShapeProps()
  }

  /** Routes join services and people only (shared/bindings/routeBinding.ts); arrows may still point here. */
  override canBind({ bindingType }: TLShapeUtilCanBindOpts): boolean {
    return bindingType !== ROUTE_BINDING_TYPE
  }

  override cardContent(shape: PurposeNoteShape): CardContent {
    const style = NOTE_PURPOSE_STYLES[shape.props.purpose]
    return {
      palette: style,
      icon: style.icon,
      eyebrow: NotePurposes.get(shape.props.purpose).label,
      title: shape.props.text,
      placeholder: 'Double-click to write on this note',
      titleLabel: 'What the note says',
      details: [],
      tinted: true,
    }
  }

  override withTitle(shape: PurposeNoteShape, text: string): TLShapePartial<PurposeNoteShape> {
    return { id: shape.id, type: shape.type, props: { text } }
  }
}
