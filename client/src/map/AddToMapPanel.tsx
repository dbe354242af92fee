import { useState, type FormEvent } from 'react'
import type { Editor, TLFrameShape, TLShapeId } from 'tldraw'
import { assertNever } from '../../../shared/assertNever'
import { defineChoices } from '../../../shared/defineChoices'
import { personName, serviceName } from '../../../shared/mapOutline'
import type { PersonShape } from '../../../shared/shapes/personShape'
import { NotePurposes, type NotePurpose } from '../../../shared/shapes/purposeNoteShape'
import { RouteKinds, type RouteKind } from '../../../shared/shapes/routeShape'
import {
  ServiceKinds,
  type ServiceKind,
  type ServiceShape,
} from '../../../shared/shapes/serviceShape'
import { createRoute } from '../shapes/createRoute'
import { newCardRecords } from '../../../shared/newCardRecords'
import { PRIVATE_CARD_NOTE, type PrivateCardShape } from '../../../shared/privateRound'
import { useBoardContext } from '../board/BoardContext'
import { PrivateCardList } from '../round/PrivateCardList'
import { usePrivateCards } from '../round/usePrivateCards'
import { addMapCard } from './addMapCard'
import { showShape } from './showShape'
import { PERSON_PRIVACY_HINT } from './forms/PersonForm'
import { useEqualValue } from './useEqualValue'
import { RadioField, SelectField, TextField } from '../common/FormFields'

/** What can be added from the form, in the words the form uses. */
const Additions = defineChoices(['service', 'person', 'purpose-note', 'action', 'route'], {
  service: { label: 'A service', description: 'A place or team that helps people.' },
  person: { label: 'Someone like me', description: 'A situation people are in.' },
  'purpose-note': {
    label: 'A note',
    description: 'A barrier, something that works, an idea or a question.',
  },
  action: { label: 'An action', description: 'Something that will happen next.' },
  route: { label: 'A route', description: 'How people get from one card to another.' },
})
type Addition = (typeof Additions.ids)[number]

const SUBMIT_WORDS: Record<Addition, string> = {
  service: 'Add the service',
  person: 'Add someone like me',
  'purpose-note': 'Add the note',
  action: 'Add the action',
  route: 'Connect the two cards',
}

/**
 * "Add to the map" without dragging: choose what to add, fill in a field or two, press the
 * button. The new card goes into its area of the session (addMapCard) without moving the view,
 * is selected, and its full form takes the keyboard so the person can carry on filling it in;
 * the panel says where it went, with a button to show it. Routes are made by choosing their two
 * cards from lists. During a private round a card goes to the server for this person alone
 * instead, listed under the form until the facilitator shows everyone's.
 */
export function AddToMapPanel({
  editor,
  onAdded,
}: {
  editor: Editor
  onAdded: (id: TLShapeId) => void
}) {
  const { boardId, identity, session } = useBoardContext()
  const privateRound = usePrivateCards(boardId, identity.token, session)
  const [what, setWhat] = useState<Addition>('service')
  const [text, setText] = useState('')
  const [kind, setKind] = useState<ServiceKind>('other')
  const [purpose, setPurpose] = useState<NotePurpose>('barrier')
  const [routeKind, setRouteKind] = useState<RouteKind>('referral')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [message, setMessage] = useState('')
  const [added, setAdded] = useState<TLShapeId>()
  const cards = useEqualValue(
    'cards a route can join',
    () =>
      editor
        .getCurrentPageShapes()
        .flatMap((shape) =>
          shape.type === 'service'
            ? [{ id: shape.id, name: serviceName(shape as ServiceShape) }]
            : shape.type === 'person'
              ? [{ id: shape.id, name: personName(shape as PersonShape) }]
              : [],
        )
        .sort((a, b) => a.name.localeCompare(b.name)),
    [editor],
  )
  const cardChoices = [
    { id: '', label: 'Choose a card' },
    ...cards.map((card) => ({ id: card.id, label: card.name })),
  ]

  function add(event: FormEvent) {
    event.preventDefault()
    if (privateRound.open && what !== 'route') return void addPrivately(what)
    const id = create()
    setAdded(id)
    if (!id) return
    setText('')
    if (what !== 'route') setMessage((words) => `${words.slice(0, -1)}${whereItWent(id)}.`)
    onAdded(id)
  }

  /** The card the form describes, of a kind that goes in an area. */
  function cardProps(kind_: Exclude<Addition, 'route'>): Record<string, unknown> {
    switch (kind_) {
      case 'service':
        return { name: text.trim(), kind }
      case 'person':
        return { situation: text.trim() }
      case 'purpose-note':
        return { purpose, text: text.trim() }
      case 'action':
        return { what: text.trim() }
      default:
        return assertNever(kind_)
    }
  }

  /**
   * During a private round: keeps the card on the server for this person alone, never on the
   * shared canvas, until the facilitator shows everyone's (it is placed in its area then).
   */
  async function addPrivately(type: Exclude<Addition, 'route'>) {
    const { card } = newCardRecords(
      [editor.getCurrentPage(), ...editor.getCurrentPageShapes()],
      type,
      cardProps(type),
      identity.participant.id,
      Date.now(),
    )
    setAdded(undefined)
    try {
      await privateRound.save(card as PrivateCardShape)
      setText('')
      setMessage(`Added. ${PRIVATE_CARD_NOTE}`)
    } catch (e) {
      setMessage(`Not kept: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  /** " to “5a. What gets in the way”": the area a card went into, if it went into one. */
  function whereItWent(id: TLShapeId): string {
    const shape = editor.getShape(id)
    const parent = shape && editor.getShape(shape.parentId as TLShapeId)
    return parent?.type === 'frame' ? ` to “${(parent as TLFrameShape).props.name}”` : ''
  }

  function create(): TLShapeId | undefined {
    switch (what) {
      case 'service':
        setMessage(`Added the service “${text.trim() || 'with no name yet'}”.`)
        return addMapCard(editor, 'service', cardProps(what))
      case 'person':
        setMessage('Added someone like me.')
        return addMapCard(editor, 'person', cardProps(what))
      case 'purpose-note':
        setMessage(`Added a ${NotePurposes.get(purpose).label.toLowerCase()} note.`)
        return addMapCard(editor, 'purpose-note', cardProps(what))
      case 'action':
        setMessage('Added an action.')
        return addMapCard(editor, 'action', cardProps(what))
      case 'route': {
        if (!from || !to || from === to) {
          setMessage('Choose two different cards to connect.')
          return undefined
        }
        editor.markHistoryStoppingPoint('connecting two cards from a form')
        const id = createRoute(editor, from as TLShapeId, to as TLShapeId, routeKind)
        setMessage(id ? 'Connected the two cards.' : 'Those two cards cannot be connected.')
        return id
      }
      default:
        return assertNever(what)
    }
  }

  return (
    <>
      <form className="add-form" onSubmit={add} noValidate>
        <RadioField
          legend="What do you want to add?"
          value={what}
          choices={Additions.all}
          onChange={setWhat}
        />
        {what === 'service' && (
          <>
            <TextField label="Name of the service" value={text} onChange={setText} />
            <SelectField
              label="What kind of help?"
              value={kind}
              choices={ServiceKinds.all}
              onChange={setKind}
            />
          </>
        )}
        {what === 'person' && (
          <TextField
            label="Their situation"
            value={text}
            onChange={setText}
            hint={PERSON_PRIVACY_HINT}
            multiline
          />
        )}
        {what === 'purpose-note' && (
          <>
            <SelectField
              label="What kind of note?"
              value={purpose}
              choices={NotePurposes.all}
              onChange={setPurpose}
            />
            <TextField label="What the note says" value={text} onChange={setText} multiline />
          </>
        )}
        {what === 'action' && (
          <TextField label="What will happen?" value={text} onChange={setText} multiline />
        )}
        {what === 'route' &&
          (cards.length < 2 ? (
            <p className="form-note">
              Add at least two services or people first, then connect them here.
            </p>
          ) : (
            <>
              <SelectField label="From" value={from} choices={cardChoices} onChange={setFrom} />
              <SelectField label="To" value={to} choices={cardChoices} onChange={setTo} />
              <SelectField
                label="What kind of route?"
                value={routeKind}
                choices={RouteKinds.all}
                onChange={setRouteKind}
              />
            </>
          ))}
        <button type="submit" className="primary">
          {SUBMIT_WORDS[what]}
        </button>
        <p className="add-form__status" role="status" aria-live="polite">
          {message}{' '}
          {added && message && (
            <button type="button" className="link-button" onClick={() => showShape(editor, added)}>
              Show it
            </button>
          )}
        </p>
      </form>
      <PrivateCardList round={privateRound} />
    </>
  )
}
