import type { ReactNode } from 'react'
import { ActionStatuses } from '../../../shared/shapes/actionShape'
import { NotePurposes } from '../../../shared/shapes/purposeNoteShape'
import { RouteKinds } from '../../../shared/shapes/routeShape'
import { ServiceAccess, ServiceKinds } from '../../../shared/shapes/serviceShape'
import { MapIcon } from '../shapes/MapIcon'
import type { MapIconName } from '../shapes/mapIcons'
import {
  ACTION_STATUS_ICONS,
  ACTION_STYLE,
  NOTE_PURPOSE_STYLES,
  patternBackground,
  PERSON_STYLE,
  SERVICE_KIND_STYLES,
  type Palette,
  type PatternName,
} from '../shapes/mapStyles'
import { RouteDrawing } from '../shapes/RouteDrawing'

const SAMPLE_ROUTE_LENGTH = 310

/**
 * "What do the shapes mean?": every shape, kind of service, kind of route, kind of note and
 * action status, each drawn with the same icon, pattern, colour or line as on the canvas (from
 * the same tables), next to its name and what it means.
 */
export function LegendPanel() {
  return (
    <div className="legend" data-testid="legend">
      <section aria-labelledby="legend-cards">
        <h3 id="legend-cards">Cards</h3>
        <ul className="legend__list">
          <Entry
            swatch={<Swatch palette={SERVICE_KIND_STYLES.other} icon="service" />}
            name="Service"
          >
            A place or team that helps people: what kind of help, who runs it, who it is for and how
            you get in.
          </Entry>
          <Entry
            swatch={<Swatch palette={PERSON_STYLE} icon={PERSON_STYLE.icon} />}
            name="Someone like me"
          >
            A situation people are in, what they need and what they want. Never a real person’s name
            or details.
          </Entry>
          <Entry
            swatch={<Swatch palette={NOTE_PURPOSE_STYLES.idea} icon="note" tinted />}
            name="Note"
          >
            A barrier, something that works, an idea or a question. The note says which at its top.
          </Entry>
          <Entry swatch={<Swatch palette={ACTION_STYLE} icon={ACTION_STYLE.icon} />} name="Action">
            What happens next: what, who will do it, by when, and how far it has got.
          </Entry>
        </ul>
      </section>

      <section aria-labelledby="legend-kinds">
        <h3 id="legend-kinds">Kinds of service</h3>
        <p className="muted">Each kind has its own icon and pattern as well as its colour.</p>
        <ul className="legend__list">
          {ServiceKinds.all.map((kind) => {
            const style = SERVICE_KIND_STYLES[kind.id]
            return (
              <Entry
                key={kind.id}
                swatch={<Swatch palette={style} icon={style.icon} pattern={style.pattern} />}
                name={kind.label}
              >
                {kind.description}
              </Entry>
            )
          })}
        </ul>
        <p>How you get in:</p>
        <ul>
          {ServiceAccess.all.map((access) => (
            <li key={access.id}>
              <strong>{access.label}</strong>: {access.description}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="legend-routes">
        <h3 id="legend-routes">Routes</h3>
        <p className="muted">
          Each kind of route has its own line and its name written on it. The arrow shows the way
          people go.
        </p>
        <ul className="legend__list legend__list--routes">
          {RouteKinds.all.map((kind) => (
            <li key={kind.id} className="legend__route">
              <svg
                width={SAMPLE_ROUTE_LENGTH + 20}
                height={56}
                viewBox={`-10 -28 ${SAMPLE_ROUTE_LENGTH + 20} 56`}
                aria-hidden="true"
              >
                <RouteDrawing kind={kind.id} note="" end={{ x: SAMPLE_ROUTE_LENGTH, y: 0 }} />
              </svg>
              <span>
                <strong>{kind.label}</strong>: {kind.description}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="legend-notes">
        <h3 id="legend-notes">Notes</h3>
        <ul className="legend__list">
          {NotePurposes.all.map((purpose) => {
            const style = NOTE_PURPOSE_STYLES[purpose.id]
            return (
              <Entry
                key={purpose.id}
                swatch={<Swatch palette={style} icon={style.icon} tinted />}
                name={purpose.label}
              >
                {purpose.description}
              </Entry>
            )
          })}
        </ul>
      </section>

      <section aria-labelledby="legend-statuses">
        <h3 id="legend-statuses">How far an action has got</h3>
        <ul className="legend__list">
          {ActionStatuses.all.map((status) => (
            <Entry
              key={status.id}
              swatch={
                <MapIcon name={ACTION_STATUS_ICONS[status.id]} size={26} color={ACTION_STYLE.ink} />
              }
              name={status.label}
            >
              {status.description}
            </Entry>
          ))}
        </ul>
      </section>
    </div>
  )
}

function Entry({
  swatch,
  name,
  children,
}: {
  swatch: ReactNode
  name: string
  children: ReactNode
}) {
  return (
    <li className="legend__entry">
      {swatch}
      <span>
        <strong>{name}</strong>: {children}
      </span>
    </li>
  )
}

/** A small card header as the canvas draws it: fill, pattern, border and icon. */
function Swatch({
  palette,
  icon,
  pattern,
  tinted = false,
}: {
  palette: Palette
  icon: MapIconName
  pattern?: PatternName
  tinted?: boolean
}) {
  return (
    <span
      className={`legend__swatch${tinted ? ' legend__swatch--tinted' : ''}`}
      style={{
        borderColor: palette.ink,
        backgroundColor: palette.fill,
        backgroundImage: pattern ? patternBackground(pattern, palette.ink) : undefined,
      }}
      aria-hidden="true"
    >
      <MapIcon name={icon} size={24} color={palette.ink} />
    </span>
  )
}
