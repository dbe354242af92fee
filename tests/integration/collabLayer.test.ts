// @vitest-environment jsdom
import {
  createBindingId,
  createShapeId,
  createTLStore,
  toRichText,
  type Editor,
  type TLArrowBinding,
  type TLShapeId,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  readMetaStamps as readAttribution,
  registerAttribution,
} from '../../client/src/collab/attribution'
import { bindPresence } from '../../client/src/collab/bindPresence'
import { bindStoreToYDoc } from '../../client/src/collab/bindStoreToYDoc'
import { createLocalParticipant } from '../../client/src/collab/localParticipant'
import { createRoute } from '../../client/src/shapes/createRoute'
import { createInitialBoardState } from '../../server/initialBoardState'
import type { Participant } from '../../shared/participant'
import type { RouteShape } from '../../shared/shapes/routeShape'
import { createHeadlessEditor } from '../helpers/headlessEditor'
import { linkAwareness } from '../helpers/linkAwareness'
import { linkDocs } from '../helpers/linkDocs'
import { testParticipant } from '../helpers/participants'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../../client/src/shapes/boardUtils'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** One person's tab, wired in the order the app uses: store, doc, bridge, presence, editor, attribution. */
function tab(participant: Participant, doc: Y.Doc) {
  const me = createLocalParticipant(participant)
  const store = createTLStore({
    shapeUtils: BOARD_SHAPE_UTILS,
    bindingUtils: BOARD_BINDING_UTILS,
    users: me,
  })
  const awareness = new Awareness(doc)
  cleanups.push(() => doc.destroy())
  cleanups.push(bindStoreToYDoc(store, doc))
  cleanups.push(bindPresence(store, awareness, me))
  const editor = createHeadlessEditor(store)
  cleanups.push(() => editor.dispose())
  cleanups.push(registerAttribution(editor, () => me.participant.get().id))
  return { editor, doc, awareness }
}

function workshop() {
  const samDoc = new Y.Doc()
  Y.applyUpdate(samDoc, createInitialBoardState())
  const priyaDoc = new Y.Doc()
  cleanups.push(linkDocs(samDoc, priyaDoc).unlink)
  const sam = tab(testParticipant('Sam'), samDoc)
  const priya = tab(testParticipant('Priya', 'practitioner'), priyaDoc)
  cleanups.push(linkAwareness(sam.awareness, priya.awareness))
  return { sam, priya }
}

function addBox(editor: Editor, name: string, x: number): TLShapeId {
  const id = createShapeId(name)
  editor.createShape({ id, type: 'geo', x, y: 0, props: { richText: toRichText(name) } })
  return id
}

/** Counts the updates a doc makes itself while `run` runs. */
function ownUpdatesDuring(doc: Y.Doc, run: () => void): number {
  let count = 0
  const onUpdate = (_: Uint8Array, origin: unknown) => {
    if (typeof origin === 'symbol' && origin.description === 'bindStoreToYDoc') count++
  }
  doc.on('update', onUpdate)
  run()
  doc.off('update', onUpdate)
  return count
}

describe('the collaboration layer, wired as the app wires it', () => {
  it('keeps who added a shape and who changed it, on both sides', () => {
    const { sam, priya } = workshop()
    const id = addBox(sam.editor, 'Housing office', 0)

    priya.editor.updateShape({ id, type: 'geo', x: 300 })

    for (const { editor } of [sam, priya]) {
      expect(readAttribution(editor.getShape(id)!)).toMatchObject({
        createdBy: testParticipant('Sam').id,
        updatedBy: testParticipant('Priya').id,
      })
      expect(editor.getShape(id)?.x).toBe(300)
    }
    expect(sam.editor.getAttributionDisplayName(testParticipant('Priya').id)).toBe('Priya')
  })

  it('shows each person the other’s cursor', () => {
    const { sam, priya } = workshop()

    expect(sam.editor.getCollaborators().map((c) => c.userName)).toEqual(['Priya'])
    expect(priya.editor.getCollaborators().map((c) => c.userName)).toEqual(['Sam'])
  })

  it('does not make the two sides write back and forth when a move reroutes an arrow', () => {
    const { sam, priya } = workshop()
    const from = addBox(sam.editor, 'GP', 0)
    const to = addBox(sam.editor, 'Pharmacy', 400)
    const arrow = createShapeId('referral')
    sam.editor.createShape({ id: arrow, type: 'arrow', x: 0, y: 0 })
    sam.editor.createBindings<TLArrowBinding>(
      (['start', 'end'] as const).map((terminal) => ({
        id: createBindingId(),
        type: 'arrow',
        fromId: arrow,
        toId: terminal === 'start' ? from : to,
        props: {
          terminal,
          normalizedAnchor: { x: 0.5, y: 0.5 },
          isExact: false,
          isPrecise: false,
          snap: 'none',
        },
      })),
    )

    // Only Priya's own change goes out: Sam's side recomputes the arrow to the same result.
    const samWrites = ownUpdatesDuring(sam.doc, () => {
      expect(
        ownUpdatesDuring(priya.doc, () => priya.editor.nudgeShapes([to], { x: 0, y: 50 })),
      ).toBe(1)
    })

    expect(samWrites).toBe(0)
    expect(sam.editor.getShape(to)?.y).toBe(50)
    expect(sam.editor.getBindingsFromShape(arrow, 'arrow')).toHaveLength(2)
  })

  it('moves a route with a card someone else moved, without either side writing back', () => {
    const { sam, priya } = workshop()
    const gp = createShapeId('gp')
    const housing = createShapeId('housing')
    sam.editor.createShapes([
      { id: gp, type: 'service', x: 0, y: 0, props: { name: 'GP' } },
      { id: housing, type: 'service', x: 600, y: 0, props: { name: 'Housing' } },
    ])
    const route = createRoute(sam.editor, gp, housing, 'referral')!
    const before = sam.editor.getShape(route) as RouteShape

    const samWrites = ownUpdatesDuring(sam.doc, () => {
      expect(
        ownUpdatesDuring(priya.doc, () => priya.editor.nudgeShapes([housing], { x: 0, y: 200 })),
      ).toBe(1)
    })

    expect(samWrites).toBe(0)
    const after = sam.editor.getShape(route) as RouteShape
    expect(after.props.end).not.toEqual(before.props.end)
    expect(priya.editor.getShape(route)).toEqual(after)
  })

  it('removes a card’s routes for everyone when someone deletes the card', () => {
    const { sam, priya } = workshop()
    const gp = createShapeId('gp')
    const person = createShapeId('person')
    priya.editor.createShapes([
      { id: gp, type: 'service', x: 0, y: 0 },
      { id: person, type: 'person', x: 0, y: 400 },
    ])
    const route = createRoute(priya.editor, person, gp, 'self-referral')!
    expect(sam.editor.getShape(route)).toBeDefined()

    sam.editor.deleteShape(gp)

    for (const { editor } of [sam, priya]) {
      expect(editor.getShape(route)).toBeUndefined()
      expect(editor.store.query.records('binding').get()).toEqual([])
    }
  })
})
