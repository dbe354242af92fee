// @vitest-environment jsdom
import { createShapeId, createTLStore, type Editor, type TLShapeId } from 'tldraw'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ROUTE_BINDING_TYPE } from '../../../shared/bindings/routeBinding'
import type { RouteShape } from '../../../shared/shapes/routeShape'
import { createHeadlessEditor } from '../../../tests/helpers/headlessEditor'
import { everyKindOfMapRecord } from '../../../tests/helpers/serviceMapRecords'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from './boardUtils'
import { createRoute } from './createRoute'
import { routeEndpoints } from '../../../shared/routeEndpoints'
import { settleRoutes } from './updateRouteGeometry'

let editor: Editor
beforeEach(() => {
  editor = createHeadlessEditor()
})
afterEach(() => {
  editor.dispose()
})

/** Two 300×190 service cards side by side, 300 apart, and a route between them. */
function twoCardsAndARoute() {
  const gp = createShapeId('gp')
  const housing = createShapeId('housing')
  editor.createShapes([
    { id: gp, type: 'service', x: 0, y: 0, props: { name: 'GP' } },
    { id: housing, type: 'service', x: 600, y: 0, props: { name: 'Housing' } },
  ])
  const route = createRoute(editor, gp, housing, 'referral')!
  return { gp, housing, route }
}

/** Where a route starts and ends, in page space, to the hundredth. */
function routeEnds(id: TLShapeId) {
  const route = editor.getShape(id) as RouteShape
  const transform = editor.getShapePageTransform(route)
  const round = ({ x, y }: { x: number; y: number }) => ({
    x: Math.round(x * 100) / 100,
    y: Math.round(y * 100) / 100,
  })
  return {
    start: round(transform.applyToPoint({ x: 0, y: 0 })),
    end: round(transform.applyToPoint(route.props.end)),
  }
}

const routes = () => editor.getCurrentPageShapes().filter((shape) => shape.type === 'route')
const routeBindings = () =>
  editor
    .getCurrentPageShapes()
    .flatMap((shape) => editor.getBindingsFromShape(shape, ROUTE_BINDING_TYPE))

describe('a route between two cards', () => {
  it('runs from the edge of one card to the edge of the other, bound at both ends', () => {
    const { gp, housing, route } = twoCardsAndARoute()
    expect(routeEnds(route)).toMatchObject({ start: { x: 310, y: 95 }, end: { x: 590, y: 95 } })
    expect(
      editor.getBindingsFromShape(route, ROUTE_BINDING_TYPE).map((b) => [b.props.terminal, b.toId]),
    ).toEqual(
      expect.arrayContaining([
        ['start', gp],
        ['end', housing],
      ]),
    )
  })

  it('follows a card that moves or changes size', () => {
    const { gp, housing, route } = twoCardsAndARoute()
    const expected = () =>
      routeEndpoints(editor.getShapePageBounds(gp)!, editor.getShapePageBounds(housing)!)

    editor.updateShape({ id: housing, type: 'service', x: 600, y: 400 })
    expect(routeEnds(route)).toEqual(expected())
    expect(routeEnds(route).end.y).toBeGreaterThan(390)

    editor.updateShape({ id: housing, type: 'service', x: 900, y: 0, props: { h: 400 } })
    expect(routeEnds(route)).toEqual(expected())
    expect(routeEnds(route).end.x).toBeCloseTo(890, 0)
  })

  it('follows cards inside a frame when the frame moves', () => {
    const frame = createShapeId('map')
    editor.createShape({
      id: frame,
      type: 'frame',
      x: 0,
      y: 0,
      props: { w: 1200, h: 800, name: 'The map' },
    })
    const gp = createShapeId('gp')
    const housing = createShapeId('housing')
    editor.createShapes([
      { id: gp, type: 'service', parentId: frame, x: 50, y: 50 },
      { id: housing, type: 'service', parentId: frame, x: 650, y: 50 },
    ])
    const route = createRoute(editor, gp, housing, 'hand-over')!
    expect(editor.getShape(route)?.parentId).toBe(frame)

    editor.updateShape({ id: frame, type: 'frame', x: 1000, y: 500 })

    expect(routeEnds(route)).toMatchObject({ start: { x: 1360, y: 645 }, end: { x: 1640, y: 645 } })
  })

  it('goes back between its cards when dragged or rotated on its own', () => {
    const { route } = twoCardsAndARoute()
    const before = routeEnds(route)
    editor.updateShape({ id: route, type: 'route', x: 1000, y: -300, rotation: 1 })
    expect(routeEnds(route)).toEqual(before)
    expect(editor.getShape(route)?.rotation).toBe(0)
  })

  it('is deleted with either of its cards, bindings and all, and comes back on undo', () => {
    const { gp, route } = twoCardsAndARoute()
    editor.markHistoryStoppingPoint('before delete')
    editor.deleteShape(gp)
    expect(routes()).toEqual([])
    expect(editor.store.query.records('binding').get()).toEqual([])

    editor.undo()
    expect(editor.getShape(route)).toBeDefined()
    expect(routeBindings()).toHaveLength(2)
  })

  it('joins only two different services or people', () => {
    const { gp, route } = twoCardsAndARoute()
    const note = createShapeId('note')
    const person = createShapeId('person')
    editor.createShapes([
      { id: note, type: 'purpose-note', x: 0, y: 400 },
      { id: person, type: 'person', x: 600, y: 400 },
    ])
    expect(createRoute(editor, gp, gp, 'referral')).toBeUndefined()
    expect(createRoute(editor, gp, note, 'referral')).toBeUndefined()
    expect(createRoute(editor, route, gp, 'referral')).toBeUndefined()
    expect(createRoute(editor, gp, createShapeId('nothing'), 'referral')).toBeUndefined()
    expect(createRoute(editor, person, gp, 'self-referral')).toBeDefined()
    expect(routes()).toHaveLength(2)
  })
})

describe('settleRoutes', () => {
  it('puts routes written while no editor was open between their cards', () => {
    const store = createTLStore({
      shapeUtils: BOARD_SHAPE_UTILS,
      bindingUtils: BOARD_BINDING_UTILS,
    })
    const map = everyKindOfMapRecord()
    store.mergeRemoteChanges(() => store.put(map))
    editor.dispose()
    editor = createHeadlessEditor(store)
    const route = createShapeId('gp-housing')
    expect(editor.getShape(route)).toMatchObject({ x: 0, y: 0, props: { end: { x: 200, y: 0 } } })

    settleRoutes(editor)

    const gp = editor.getShapePageBounds(createShapeId('gp'))!
    const housing = editor.getShapePageBounds(createShapeId('housing'))!
    expect(routeEnds(route)).toEqual(routeEndpoints(gp, housing))
    expect(editor.getCanUndo()).toBe(false)
  })
})

describe('a copy of a route', () => {
  it('is left out when the route is duplicated or pasted without its cards', () => {
    const { route } = twoCardsAndARoute()
    editor.duplicateShapes([route])
    editor.putContentOntoCurrentPage(editor.getContentFromCurrentPage([route])!)
    expect(routes().map((shape) => shape.id)).toEqual([route])
  })

  it('copies a route with its cards, still bound', () => {
    const { gp, housing, route } = twoCardsAndARoute()
    editor.duplicateShapes([gp, housing, route], { x: 0, y: 500 })
    expect(routes()).toHaveLength(2)
    expect(routeBindings()).toHaveLength(4)
  })

  it('copies cards without the routes between them and others, leaving those in place', () => {
    const { gp, route } = twoCardsAndARoute()
    editor.duplicateShapes([gp], { x: 0, y: 500 })
    expect(routes().map((shape) => shape.id)).toEqual([route])
    expect(routeBindings()).toHaveLength(2)
  })
})
