import type { NotePurpose } from '../../../shared/shapes/purposeNoteShape'
import { PERSON_PRIVACY_HINT } from '../map/forms/PersonForm'
import type { LaneCardType } from '../../../shared/newCardRecords'

/** One of the big "Add" buttons of the phone lane, and the short form it opens. */
export interface LaneCard {
  readonly id: string
  readonly type: LaneCardType
  /** For notes: which kind of note. */
  readonly purpose?: NotePurpose
  /** The button's words: "Add a barrier". */
  readonly button: string
  /** The one field's label. */
  readonly field: string
  /** What the card is called in "Added … to …". */
  readonly noun: string
  readonly hint?: string
}

/** What a person can add from the phone lane, in the order the buttons show. */
export const LANE_CARDS: readonly LaneCard[] = [
  {
    id: 'barrier',
    type: 'purpose-note',
    purpose: 'barrier',
    button: 'Add a barrier',
    field: 'What gets in the way?',
    noun: 'a barrier',
  },
  {
    id: 'what-works',
    type: 'purpose-note',
    purpose: 'what-works',
    button: 'Add what works',
    field: 'What already helps?',
    noun: 'what works',
  },
  {
    id: 'idea',
    type: 'purpose-note',
    purpose: 'idea',
    button: 'Add an idea',
    field: 'What could make it better?',
    noun: 'an idea',
  },
  {
    id: 'question',
    type: 'purpose-note',
    purpose: 'question',
    button: 'Add a question',
    field: 'What do we need to find out?',
    noun: 'a question',
  },
  {
    id: 'service',
    type: 'service',
    button: 'Add a service',
    field: 'Name of the service',
    noun: 'a service',
  },
  {
    id: 'person',
    type: 'person',
    button: 'Add someone like me',
    field: 'Their situation',
    noun: 'someone like me',
    hint: PERSON_PRIVACY_HINT,
  },
  {
    id: 'action',
    type: 'action',
    button: 'Add an action',
    field: 'What will happen?',
    noun: 'an action',
  },
]

/** The props a lane card's one field fills in. */
export function laneCardProps(card: LaneCard, text: string): Record<string, unknown> {
  switch (card.type) {
    case 'service':
      return { name: text }
    case 'person':
      return { situation: text }
    case 'action':
      return { what: text }
    case 'purpose-note':
      return { purpose: card.purpose, text }
  }
}
