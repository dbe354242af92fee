import type { TLShapeId } from '@tldraw/tlschema'

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
 * The areas of a co-design session (the `co-design` template, laid out by
 * server/templates/coDesignSession.ts), in the order the session goes, laid out to read left to
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

/** Space between an area's edge and its prompt, in page units. */
export const AREA_PADDING = 32

/**
 * Where an area's own content starts, below its prompt (page units from the area's top): the
 * prompt is one or two lines of large text, and cards added to the area are laid out under it.
 */
export const AREA_CONTENT_TOP = 190

/**
 * The id of a record a template lays out: `shape:template-<key>`, as tldraw's `createShapeId`
 * makes it. Written out because the ledger reads these ids, and importing that function would
 * load tldraw's schema packages into a server that has no board open.
 */
export function templateShapeId(key: string): TLShapeId {
  return `shape:template-${key}` as TLShapeId
}

/** The id of the frame of a session area. */
export function areaFrameId(area: Pick<SessionArea, 'key'>): TLShapeId {
  return templateShapeId(area.key)
}

/** The id of the text that asks a session area's question, inside its frame. */
export function areaPromptId(area: Pick<SessionArea, 'key'>): TLShapeId {
  return templateShapeId(`${area.key}-prompt`)
}

const LAYOUT_SHAPE_IDS: ReadonlySet<string> = new Set(
  SESSION_AREAS.flatMap((area) => [areaFrameId(area), areaPromptId(area)]),
)

/**
 * True for a record of the session's layout: an area's frame or its prompt, which a facilitator
 * can lock (the starting working agreement is not: people are asked to change it).
 */
export function isLayoutShapeId(id: string): boolean {
  return LAYOUT_SHAPE_IDS.has(id)
}

/**
 * True for a record a template laid out (its areas, their prompts, the starting working
 * agreement): part of the board's scaffolding, credited to nobody's voice.
 */
export function isTemplateShapeId(id: string): boolean {
  return id.startsWith(TEMPLATE_ID_PREFIX)
}

const TEMPLATE_ID_PREFIX = templateShapeId('')
