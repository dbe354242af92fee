// @vitest-environment node
import {
  createTLStore,
  GeoShapeUtil,
  PageRecordType,
  type TLGeoShape,
  type TLShape,
  type TLShapeId,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import { areaFrameId, templateShapeId } from '../../../shared/sessionAreas'
import { shapeRecord } from '../../../tests/helpers/mapRecords'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../shapes/boardUtils'
import { registerLayoutLock } from './registerLayoutLock'

describe('registerLayoutLock', () => {
  const storeWith = (ids: TLShapeId[]) => {
    const store = createTLStore({
      shapeUtils: BOARD_SHAPE_UTILS,
      bindingUtils: BOARD_BINDING_UTILS,
    })
    const page = PageRecordType.create({
      id: PageRecordType.createId('page'),
      name: 'Board',
      index: 'a1' as never,
    })
    store.put([page])
    store.put(
      ids.map((id) => ({
        ...shapeRecord<TLGeoShape>('geo', 'any', GeoShapeUtil.prototype.getDefaultProps()),
        id,
        parentId: page.id,
      })) as TLShape[],
    )
    return store
  }
  const xOf = (store: ReturnType<typeof storeWith>, id: TLShapeId) => store.get(id)?.x
  const moveTo = (store: ReturnType<typeof storeWith>, id: TLShapeId, x: number) =>
    store.update(id, (shape) => ({ ...shape, x }))

  it('stops this person moving or deleting an area while it is locked, and only then', () => {
    const area = areaFrameId({ key: 'ideas' })
    const card = templateShapeId('agreement-1')
    const store = storeWith([area, card])
    let locked = true
    const stop = registerLayoutLock({ sideEffects: store.sideEffects }, () => locked)

    moveTo(store, area, 50)
    store.remove([area])
    moveTo(store, card, 50)
    expect(xOf(store, area)).toBe(0)
    expect(xOf(store, card)).toBe(50)

    // What arrives from others (a facilitator's move) is never stopped.
    store.mergeRemoteChanges(() => moveTo(store, area, 70))
    expect(xOf(store, area)).toBe(70)

    locked = false
    moveTo(store, area, 90)
    expect(xOf(store, area)).toBe(90)
    locked = true
    stop()
    store.remove([area])
    expect(store.has(area)).toBe(false)
  })
})
