import {
  toRichText,
  type TLFrameShape,
  type TLNoteShape,
  type TLPageId,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'
import {
  AREA_CONTENT_TOP,
  AREA_PADDING,
  SESSION_AREAS,
  areaPromptId,
  templateShapeId,
  type SessionArea,
} from '../../shared/sessionAreas'

/** A working agreement to start from: the group changes it, so these are ordinary sticky notes. */
export const STARTER_AGREEMENT = [
  'One person speaks at a time',
  'Everyone’s experience counts',
  'It’s OK to take a break',
] as const

const NOTE_SIZE = 200

type ShapeMeta = TLShape['meta']

/** Who the records are attributed to, and when. */
export interface TemplateAttribution {
  /** Participant id of the person who chose the template, if the request named one. */
  readonly createdBy?: string
  /** Epoch ms. */
  readonly createdAt: number
}

/**
 * The records of a co-design session board, ready to write to a new board's page: a tldraw
 * frame per area with its prompt as a text shape inside it, and the working agreement's starter
 * notes. Ids are fixed (`shape:template-…`), so writing them twice can never duplicate a frame.
 * Every record carries the attribution of the person who chose the template, like anything
 * they add by hand. Built from `@tldraw/tlschema` types only: the server never loads tldraw.
 */
export function coDesignSessionRecords(
  pageId: TLPageId,
  attribution: TemplateAttribution,
): TLShape[] {
  // The same fields registerAttribution stamps on shapes people add (client/src/collab).
  const meta: ShapeMeta = attribution.createdBy
    ? { createdBy: attribution.createdBy, createdAt: attribution.createdAt }
    : { createdAt: attribution.createdAt }
  const records: TLShape[] = []
  SESSION_AREAS.forEach((area, i) => {
    const frameId = templateShapeId(area.key)
    records.push(frame(frameId, pageId, indexKey(i), area, meta))
    records.push(prompt(areaPromptId(area), frameId, area, meta))
    if (area.key === 'agreement') {
      STARTER_AGREEMENT.forEach((text, n) =>
        records.push(
          note(templateShapeId(`agreement-${n + 1}`), frameId, n, text, attribution, meta),
        ),
      )
    }
  })
  return records
}

function base(id: TLShapeId, parentId: TLFrameShape['parentId'], index: string, meta: ShapeMeta) {
  return {
    id,
    typeName: 'shape' as const,
    parentId,
    index: index as TLShape['index'],
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta,
  }
}

function frame(
  id: TLShapeId,
  pageId: TLPageId,
  index: string,
  area: SessionArea,
  meta: ShapeMeta,
): TLFrameShape {
  return {
    ...base(id, pageId, index, meta),
    type: 'frame',
    x: area.x,
    y: area.y,
    props: { w: area.w, h: area.h, name: area.name, color: 'black' },
  }
}

function prompt(
  id: TLShapeId,
  frameId: TLShapeId,
  area: SessionArea,
  meta: ShapeMeta,
): TLTextShape {
  return {
    ...base(id, frameId, indexKey(0), meta),
    type: 'text',
    x: AREA_PADDING,
    y: AREA_PADDING,
    props: {
      color: 'black',
      size: 'l',
      font: 'sans',
      textAlign: 'start',
      w: Math.min(area.w - AREA_PADDING * 2, 1200),
      richText: toRichText(area.prompt),
      scale: 1,
      autoSize: false,
    },
  }
}

function note(
  id: TLShapeId,
  frameId: TLShapeId,
  n: number,
  text: string,
  attribution: TemplateAttribution,
  meta: ShapeMeta,
): TLNoteShape {
  return {
    ...base(id, frameId, indexKey(n + 1), meta),
    type: 'note',
    x: AREA_PADDING + n * (NOTE_SIZE + 28),
    y: AREA_CONTENT_TOP,
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'sans',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: 1,
      textLastEditedBy: attribution.createdBy ?? null,
    },
  }
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The nth fractional index among siblings: `a1`, `a2`, … (up to 61 of them). */
function indexKey(n: number): string {
  const digit = DIGITS[n + 1]
  if (!digit) throw new Error(`A template area cannot hold more than ${DIGITS.length - 1} shapes`)
  return `a${digit}`
}
