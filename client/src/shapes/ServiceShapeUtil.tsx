import type { TLShapePartial } from 'tldraw'
import {
  defaultServiceShapeProps,
  SERVICE_SHAPE_TYPE,
  ServiceAccess,
  ServiceKinds,
  serviceShapeMigrations,
  serviceShapeProps,
  type ServiceShape,
} from '../../../shared/shapes/serviceShape'
import type { CardContent } from './CardContent'
import { MapCardShapeUtil } from './MapCardShapeUtil'
import { SERVICE_KIND_STYLES } from './mapStyles'

/** A service card: its kind's icon, pattern and colour, its name, who runs it, who it is for and how to get in. */
export class ServiceShapeUtil extends MapCardShapeUtil<ServiceShape> {
  static override type = SERVICE_SHAPE_TYPE
  static override props = serviceShapeProps
  static override migrations = serviceShapeMigrations

  override getDefaultProps(): ServiceShape['props'] {
    return defaultServiceShapeProps()
  }

  override cardContent(shape: ServiceShape): CardContent {
    const { name, kind, runBy, forWhom, access, notes } = shape.props
    const style = SERVICE_KIND_STYLES[kind]
    return {
      palette: style,
      pattern: style.pattern,
      icon: style.icon,
      eyebrow: ServiceKinds.get(kind).label,
      title: name,
      placeholder: 'Double-click to name this service',
      titleLabel: 'Name of the service',
      details: [
        { label: 'Run by', text: runBy },
        { label: 'For', text: forWhom },
        {
          label: 'How you get in',
          text: access === 'not-sure' ? '' : ServiceAccess.get(access).label,
        },
        { label: 'Notes', text: notes },
      ],
      tinted: false,
    }
  }

  override withTitle(shape: ServiceShape, name: string): TLShapePartial<ServiceShape> {
    return { id: shape.id, type: shape.type, props: { name } }
  }
}
