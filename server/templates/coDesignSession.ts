import {
  createShapeId,
  toRichText,
  type TLFrameShape,
  type TLNoteShape,
  type TLPageId,
  type TLShape,
  type TLShapeId,
  type TLTextShape,
} from '@tldraw/tlschema'

/** One area of the session board: a frame with a name and a one-line prompt. */
export interface SessionArea {
  readonly key: string
  /** The frame's name, numbered in the order the session goes. */
  readonly name: string
  /** What the group is asked to do here, in one plain sentence. */
  readonly prompt: string
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

const AREA_W = 720
// Wide rather than tall, so the whole session fits a laptop screen at a readable zoom.
const AREA_H = 440
const GAP = 80
const column = (n: number) => n * (AREA_W + GAP)
const ROW_2 = AREA_H + 100
const MAP_H = 1000
const ROW_3 = ROW_2 + MAP_H + 100

/**
 * The areas of a co-design session, in the order the session goes, laid out to read left to
 * right and top to bottom: purpose, working agreement and what can and can't change across the
 * top; the map across the middle, as wide as the row above it; barriers, strengths, ideas and
 * next steps along the bottom.
 */
export const SESSION_AREAS: readonly SessionArea[] = [
  {
    key: 'purpose',
    name: '1. Why we are here',
    prompt:
      'What do we want to change, and for whom? Write it here together, in a sentence or two.',
    x: column(0),
    y: 0,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'agreement',
    name: '2. How we will work together',
    prompt: 'How do we want to treat each other today? Change these notes or add your own.',
    x: column(1),
    y: 0,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'can-change',
    name: '3a. What we can change',
    prompt: 'What can the people in this room change, or help to change?',
    x: column(2),
    y: 0,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'cannot-change',
    name: '3b. What we can’t change',
    prompt: 'What is out of our hands, like a law or a budget decided somewhere else?',
    x: column(3),
    y: 0,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'map',
    name: '4. The map',
    prompt:
      'Add the services people use, someone like the people who use them, and the routes between them. Show where there is no route.',
    x: 0,
    y: ROW_2,
    w: column(4) - GAP,
    h: MAP_H,
  },
  {
    key: 'barriers',
    name: '5a. What gets in the way',
    prompt: 'What makes it hard to get help? Add a Barrier note for each thing.',
    x: column(0),
    y: ROW_3,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'strengths',
    name: '5b. What works',
    prompt: 'What already helps? Add a What works note for each thing.',
    x: column(1),
    y: ROW_3,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'ideas',
    name: '6. Ideas',
    prompt: 'What could make it better? Add an Idea note. No idea is too small.',
    x: column(2),
    y: ROW_3,
    w: AREA_W,
    h: AREA_H,
  },
  {
    key: 'next',
    name: '7. What happens next',
    prompt: 'Who will do what, and by when? Add an action for each step, with a name and a date.',
    x: column(3),
    y: ROW_3,
    w: AREA_W,
    h: AREA_H,
  },
]

/** A working agreement to start from: the group changes it, so these are ordinary sticky notes. */
export const STARTER_AGREEMENT = [
  'One person speaks at a time',
  'Everyone’s experience counts',
  'It’s OK to take a break',
] as const

const PADDING = 32
const NOTE_SIZE = 200
const NOTES_TOP = 190

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
    records.push(prompt(templateShapeId(`${area.key}-prompt`), frameId, area, meta))
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

/** The id of a template record. */
export function templateShapeId(key: string): TLShapeId {
  return createShapeId(`template-${key}`)
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
    x: PADDING,
    y: PADDING,
    props: {
      color: 'black',
      size: 'l',
      font: 'sans',
      textAlign: 'start',
      w: Math.min(area.w - PADDING * 2, 1200),
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
    x: PADDING + n * (NOTE_SIZE + 28),
    y: NOTES_TOP,
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
