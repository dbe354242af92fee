import { toRichText, type TLNoteShape, type TLRecord, type TLShapeId } from '@tldraw/tlschema'
import { NotePurposes } from '../../shared/shapes/purposeNoteShape'
import { ServiceKinds } from '../../shared/shapes/serviceShape'
import { mapShapeRecord, routeBindingRecord, shapeRecord } from '../helpers/mapRecords'

const COLUMNS = 25
const CELL = { w: 300, h: 240 }

/**
 * A finished workshop board of `shapes` shapes for the export bench, in a grid: a fifth tldraw
 * notes, and the rest the map's own shapes (services, "someone like me", notes with a purpose,
 * actions) and routes joining neighbouring services, each route with its two bindings. Words are
 * of a realistic length, so the report wraps and paginates as a real one does.
 */
export function exportBoardRecords(shapes: number): TLRecord[] {
  const records: TLRecord[] = []
  const services: TLShapeId[] = []
  let made = 0
  const at = () => ({
    x: (made % COLUMNS) * CELL.w,
    y: Math.floor(made / COLUMNS) * CELL.h,
  })
  while (made < shapes) {
    const n = made
    const position = at()
    switch (n % 10) {
      case 0:
      case 1:
      case 2: {
        const kind = ServiceKinds.ids[n % ServiceKinds.ids.length]!
        const service = mapShapeRecord(
          'service',
          `bench-service-${n}`,
          { name: `Service ${n}`, kind, runBy: 'The council', forWhom: 'Adults in the city' },
          position,
        )
        services.push(service.id)
        records.push(service)
        break
      }
      case 3:
        if (services.length >= 2) {
          const from = services[services.length - 2]!
          const to = services[services.length - 1]!
          const route = mapShapeRecord(
            'route',
            `bench-route-${n}`,
            { kind: n % 20 === 3 ? 'gap' : 'referral', note: 'Often a long wait' },
            position,
          )
          records.push(
            route,
            routeBindingRecord(route.id, from, 'start'),
            routeBindingRecord(route.id, to, 'end'),
          )
          break
        }
        records.push(benchNote(n, position))
        break
      case 4:
      case 5:
        records.push(
          mapShapeRecord(
            'purpose-note',
            `bench-purpose-${n}`,
            {
              purpose: NotePurposes.ids[n % NotePurposes.ids.length]!,
              text: `Note ${n}: people told us the phone lines are only open in the morning, so anyone at work cannot call.`,
            },
            position,
          ),
        )
        break
      case 6:
        records.push(
          mapShapeRecord(
            'person',
            `bench-person-${n}`,
            {
              situation: `Someone like me ${n}`,
              needs: 'Somewhere to live',
              wants: 'To stay near school',
            },
            position,
          ),
        )
        break
      case 7:
        records.push(
          mapShapeRecord(
            'action',
            `bench-action-${n}`,
            {
              what: `Action ${n}: write to the council`,
              who: { type: 'named', name: 'Priya' },
              due: '2026-06-01',
            },
            position,
          ),
        )
        break
      default:
        records.push(benchNote(n, position))
    }
    made++
  }
  return records
}

function benchNote(n: number, position: { x: number; y: number }): TLNoteShape {
  return shapeRecord<TLNoteShape>(
    'note',
    `bench-note-${n}`,
    {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(`Sticky note ${n}: what we heard today`),
      scale: 1,
      textLastEditedBy: null,
    },
    position,
  )
}
