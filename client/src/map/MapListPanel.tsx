import type { ReactNode } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import type {
  OutlineAction,
  OutlinePerson,
  OutlineRoute,
  OutlineService,
} from '../../../shared/mapOutline'
import type { Participant } from '../../../shared/participant'
import { ServiceKinds } from '../../../shared/shapes/serviceShape'
import { MapIcon } from '../shapes/MapIcon'
import type { MapIconName } from '../shapes/mapIcons'
import { ACTION_STATUS_ICONS, NOTE_PURPOSE_STYLES, SERVICE_KIND_STYLES } from '../shapes/mapStyles'
import {
  actionStatus,
  actionWhat,
  actionWhoAndWhen,
  gapWords,
  NOTE_SECTIONS,
  routeFromCard,
  serviceDetails,
} from '../../../shared/outlineWords'
import { showShape } from './showShape'
import { useMapOutline } from './useMapOutline'

/**
 * "The map as a list": everything on the map as headings, lists and buttons, live. It is for
 * anyone who would rather read than look at the canvas, and is the base for people who cannot use
 * the canvas at all, so it is plain semantic HTML a screen reader can move through by heading.
 * Each item is a button that selects the thing on the canvas and brings it into view.
 */
export function MapListPanel({
  editor,
  participantsById,
}: {
  editor: Editor
  participantsById: ReadonlyMap<string, Participant>
}) {
  const outline = useMapOutline(editor, participantsById)
  const show = (id: TLShapeId) => showShape(editor, id)
  const serviceCount = outline.serviceGroups.reduce((n, group) => n + group.services.length, 0)
  return (
    <div className="map-list" data-testid="map-list">
      {outline.isEmpty && (
        <p>
          Nothing is on the map yet. Add a service with the Service map tools at the bottom of the
          screen, or with “Add from a form”.
        </p>
      )}

      <section aria-labelledby="map-list-services">
        <h3 id="map-list-services">Services ({serviceCount})</h3>
        {outline.serviceGroups.length === 0 && <p className="muted">No services yet.</p>}
        {outline.serviceGroups.map((group) => {
          const style = SERVICE_KIND_STYLES[group.kind]
          return (
            <section key={group.kind} aria-labelledby={`map-list-kind-${group.kind}`}>
              <h4 id={`map-list-kind-${group.kind}`} className="map-list__kind">
                <MapIcon name={style.icon} size={20} color={style.ink} />
                {ServiceKinds.get(group.kind).label} ({group.services.length})
              </h4>
              <ul>
                {group.services.map((service) => (
                  <ServiceItem key={service.id} service={service} show={show} />
                ))}
              </ul>
            </section>
          )
        })}
      </section>

      <ListSection id="map-list-people" heading="Someone like me" empty="Nobody described yet.">
        {outline.people.map((person) => (
          <PersonItem key={person.id} person={person} show={show} />
        ))}
      </ListSection>

      <ListSection
        id="map-list-gaps"
        heading="Gaps: where there is no route"
        empty="No gaps marked yet."
      >
        {outline.gaps.map((gap) => (
          <li key={gap.id}>
            <ItemButton id={gap.id} show={show}>
              {gapWords(gap)}
            </ItemButton>
            {gap.note && <p className="map-list__detail">{gap.note}</p>}
          </li>
        ))}
      </ListSection>

      {outline.notes.map(({ purpose, notes }) => (
        <ListSection
          key={purpose}
          id={`map-list-notes-${purpose}`}
          heading={NOTE_SECTIONS[purpose].heading}
          icon={NOTE_PURPOSE_STYLES[purpose]}
          empty={NOTE_SECTIONS[purpose].empty}
        >
          {notes.map((note) => (
            <li key={note.id}>
              <ItemButton id={note.id} show={show}>
                {note.text.trim() || 'An empty note'}
              </ItemButton>
            </li>
          ))}
        </ListSection>
      ))}

      <ListSection id="map-list-actions" heading="What happens next" empty="No actions yet.">
        {outline.actions.map((action) => (
          <ActionItem key={action.id} action={action} show={show} />
        ))}
      </ListSection>
    </div>
  )
}

type Show = (id: TLShapeId) => void

/** A heading with the number of items under it, and the items, or a sentence saying there are none. */
function ListSection({
  id,
  heading,
  icon,
  empty,
  children,
}: {
  id: string
  heading: string
  icon?: { icon: MapIconName; ink: string }
  empty: string
  children: ReactNode[]
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="map-list__kind">
        {icon && <MapIcon name={icon.icon} size={20} color={icon.ink} />}
        {heading} ({children.length})
      </h3>
      {children.length === 0 ? <p className="muted">{empty}</p> : <ul>{children}</ul>}
    </section>
  )
}

function ItemButton({ id, show, children }: { id: TLShapeId; show: Show; children: ReactNode }) {
  return (
    <button type="button" className="map-list__item" onClick={() => show(id)}>
      {children}
    </button>
  )
}

function ServiceItem({ service, show }: { service: OutlineService; show: Show }) {
  const details = serviceDetails(service)
  return (
    <li>
      <ItemButton id={service.id} show={show}>
        {service.name}
      </ItemButton>
      {details && <p className="map-list__detail">{details}</p>}
      {service.notes && <p className="map-list__detail">{service.notes}</p>}
      <Routes card={service} show={show} />
    </li>
  )
}

function PersonItem({ person, show }: { person: OutlinePerson; show: Show }) {
  return (
    <li>
      <ItemButton id={person.id} show={show}>
        {person.name}
      </ItemButton>
      {person.needs && <p className="map-list__detail">Needs: {person.needs}</p>}
      {person.wants && <p className="map-list__detail">Wants: {person.wants}</p>}
      <Routes card={person} show={show} />
    </li>
  )
}

/** A card's routes in and out, by the names of the cards at their other ends. */
function Routes({
  card,
  show,
}: {
  card: { routesIn: readonly OutlineRoute[]; routesOut: readonly OutlineRoute[] }
  show: Show
}) {
  if (card.routesIn.length + card.routesOut.length === 0) return null
  const item = (route: OutlineRoute, words: string) => (
    <li key={route.id}>
      <ItemButton id={route.id} show={show}>
        {words}
      </ItemButton>
      {route.note && <span className="map-list__detail"> ({route.note})</span>}
    </li>
  )
  return (
    <ul className="map-list__routes" aria-label="Routes">
      {card.routesIn.map((route) => item(route, routeFromCard(route, 'in')))}
      {card.routesOut.map((route) => item(route, routeFromCard(route, 'out')))}
    </ul>
  )
}

function ActionItem({ action, show }: { action: OutlineAction; show: Show }) {
  return (
    <li>
      <ItemButton id={action.id} show={show}>
        {actionWhat(action)}
      </ItemButton>
      <p className="map-list__detail">
        {actionWhoAndWhen(action)} · <MapIcon name={ACTION_STATUS_ICONS[action.status]} size={16} />{' '}
        {actionStatus(action)}
      </p>
    </li>
  )
}
