import { useValue, type Editor } from 'tldraw'
import { ROUTE_BINDING_TYPE } from '../../../../shared/bindings/routeBinding'
import { RouteKinds, type RouteShape } from '../../../../shared/shapes/routeShape'
import { RouteDrawing } from '../../shapes/RouteDrawing'
import { getRouteEnds } from '../../shapes/updateRouteGeometry'
import { RadioField, TextField } from '../../common/FormFields'
import type { MapShapeFormProps } from './MapShapeFormProps'

/** The fields of a route: where it goes, what kind it is, and a note. */
export function RouteForm({
  editor,
  shape,
  update,
}: MapShapeFormProps<RouteShape> & { editor: Editor }) {
  const ends = useValue(
    'route ends',
    () => {
      const bindings = getRouteEnds(editor, shape.id)
      const name = (id: RouteShape['id']) => {
        const card = editor.getShape(id)
        return (
          (card && editor.getShapeUtil(card).getText(card)?.trim()) || 'a card with no name yet'
        )
      }
      return (
        bindings && {
          start: bindings.start,
          end: bindings.end,
          from: name(bindings.start.toId),
          to: name(bindings.end.toId),
        }
      )
    },
    [editor, shape.id],
  )

  const swap = () => {
    if (!ends) return
    editor.updateBindings([
      { id: ends.start.id, type: ROUTE_BINDING_TYPE, props: { terminal: 'end' } },
      { id: ends.end.id, type: ROUTE_BINDING_TYPE, props: { terminal: 'start' } },
    ])
  }

  return (
    <>
      {ends && (
        <div className="form-field">
          <p className="form-note">
            From <strong>{ends.from}</strong> to <strong>{ends.to}</strong>
          </p>
          <button type="button" onClick={swap}>
            Swap the direction
          </button>
        </div>
      )}
      <RadioField
        legend="What kind of route is it?"
        value={shape.props.kind}
        choices={RouteKinds.all}
        onChange={(kind) => update({ kind })}
        picture={(kind) => (
          <svg width={96} height={48} viewBox="-8 -24 96 48" aria-hidden="true">
            <RouteDrawing kind={kind} note="" end={{ x: 80, y: 0 }} label={false} />
          </svg>
        )}
      />
      <TextField
        label="A note about this route"
        value={shape.props.note}
        onChange={(note) => update({ note })}
        placeholder="For example: 6 week wait"
      />
    </>
  )
}
