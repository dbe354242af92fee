import type { TLShapePartial } from 'tldraw'
import {
  defaultPersonShapeProps,
  PERSON_SHAPE_TYPE,
  personShapeMigrations,
  personShapeProps,
  type PersonShape,
} from '../../../shared/shapes/personShape'
import type { CardContent } from './CardContent'
import { MapCardShapeUtil } from './MapCardShapeUtil'
import { PERSON_STYLE } from './mapStyles'

/** A "someone like me" card: a situation, what they need and what they want. */
export class PersonShapeUtil extends MapCardShapeUtil<PersonShape> {
  static override type = PERSON_SHAPE_TYPE
  static override props = personShapeProps
  static override migrations = personShapeMigrations

  override getDefaultProps(): PersonShape['props'] {
    return defaultPersonShapeProps()
  }

  override cardContent(shape: PersonShape): CardContent {
    return {
      palette: PERSON_STYLE,
      icon: PERSON_STYLE.icon,
      eyebrow: 'Someone like me',
      title: shape.props.situation,
      placeholder: 'Double-click to describe their situation',
      titleLabel: 'Their situation',
      details: [
        { label: 'Needs', text: shape.props.needs },
        { label: 'Wants', text: shape.props.wants },
      ],
      tinted: false,
    }
  }

  override withTitle(shape: PersonShape, situation: string): TLShapePartial<PersonShape> {
    return { id: shape.id, type: shape.type, props: { situation } }
  }
}
