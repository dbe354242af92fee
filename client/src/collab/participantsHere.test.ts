// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { linkAwareness } from '../../../tests/helpers/linkAwareness'
import { testParticipant } from '../../../tests/helpers/participants'
import { AwarenessField } from './awarenessFields'
import { getParticipantsHere } from './participantsHere'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** An awareness with a chosen client id, linked to `hub`, announcing `participant`. */
function tab(hub: Awareness, clientId: number, participant: unknown): Awareness {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const awareness = new Awareness(doc)
  awareness.setLocalStateField(AwarenessField.participant, participant)
  cleanups.push(() => doc.destroy())
  cleanups.push(linkAwareness(hub, awareness))
  return awareness
}

function hub(): Awareness {
  const doc = new Y.Doc()
  doc.clientID = 1
  cleanups.push(() => doc.destroy())
  return new Awareness(doc)
}

describe('getParticipantsHere', () => {
  it('lists each person once, by name, including this tab’s', () => {
    const here = hub()
    here.setLocalStateField(AwarenessField.participant, testParticipant('Zoe', 'facilitator'))
    const sam = testParticipant('Sam')
    tab(here, 20, sam)
    tab(here, 30, testParticipant('priya', 'practitioner'))
    tab(here, 40, sam)
    tab(here, 50, testParticipant('Ade', 'carer'))

    expect(getParticipantsHere(here).map((p) => p.name)).toEqual(['Ade', 'priya', 'Sam', 'Zoe'])
    expect(getParticipantsHere(here).find((p) => p.name === 'Sam')).toEqual(sam)
  })

  it('lets the tab with the lowest client id speak for someone whose tabs disagree', () => {
    const here = hub()
    const sam = testParticipant('Sam')
    tab(here, 90, { ...sam, name: 'Sam (new name)' })
    tab(here, 10, sam)

    expect(getParticipantsHere(here)).toEqual([sam])
  })

  it('leaves out states that are not valid participants', () => {
    const here = hub()
    tab(here, 20, testParticipant('Sam'))
    tab(here, 30, { ...testParticipant('Blank'), name: '   ' })
    tab(here, 40, { ...testParticipant('Badrole'), role: 'boss' })
    tab(here, 50, { ...testParticipant('Badid'), id: 'user-1' })
    tab(here, 60, 'Mallory')
    tab(here, 70, undefined)

    expect(getParticipantsHere(here).map((p) => p.name)).toEqual(['Sam'])
  })

  it('forgets people who have left', () => {
    const here = hub()
    const priya = tab(here, 20, testParticipant('Priya'))
    tab(here, 30, testParticipant('Sam'))

    priya.setLocalState(null)

    expect(getParticipantsHere(here).map((p) => p.name)).toEqual(['Sam'])
  })
})
