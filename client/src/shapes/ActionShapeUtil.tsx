import type { TLShapeUtilCanBindOpts, TLShapePartial } from 'tldraw'
import { ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import { ownerName } from '../../../shared/mapOutline'
import {
  ACTION_SHAPE_TYPE,
  actionShapeMigrations,
  actionShapeProps,
  ActionStatuses,
  defaultActionShapeProps,
  type ActionShape,
} from '../../../shared/shapes/actionShape'
import { formatDueDate } from '../../../shared/formatDueDate'
import type { CardContent } from './CardContent'
import { MapCardShapeUtil } from './MapCardShapeUtil'
import { ACTION_STATUS_ICONS, ACTION_STYLE } from './mapStyles'

/** An action: what happens next, who will do it, by when, and how far it has got. */
export class ActionShapeUtil extends MapCardShapeUtil<ActionShape> {
  static override type = ACTION_SHAPE_TYPE
  static override props = actionShapeProps
  static override migrations = actionShapeMigrations

  override getDefaultProps(): ActionShape['props'] {
    return defaultActionShapeProps()
  }

  override canBind({ bindingType }: TLShapeUtilCanBindOpts): boolean {
    return bindingType !== ROUTE_BINDING_TYPE
  }

  override cardContent(shape: ActionShape): CardContent {
    const { what, who, due, status } = shape.props
    return {
      palette: ACTION_STYLE,
      icon: ACTION_STYLE.icon,
      eyebrow: 'What happens next',
      title: what,
      placeholder: 'Double-click to say what will happen',
      titleLabel: 'What will happen',
      details: [
        {
          label: 'Who',
          text: ownerName(who, (id) => this.editor.getAttributionDisplayName(id)) || 'Nobody yet',
        },
        { label: 'By', text: formatDueDate(due) || 'No date yet' },
        { text: ActionStatuses.get(status).label, icon: ACTION_STATUS_ICONS[status] },
      ],
      tinted: false,
    }
  }

  /** So that copying an action carries the `user:` record of the participant who will do it. */
  override getReferencedUserIds(shape: ActionShape): string[] {
    return shape.props.who.type === 'participant' ? [shape.props.who.participantId] : []
  }

  override withTitle(shape: ActionShape, what: string): TLShapePartial<ActionShape> {
    return { id: shape.id, type: shape.type, props: { what } }
  }
}
