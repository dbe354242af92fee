/** What the people of a load scenario do: the same in every room. */
export interface Workload {
  /** Rooms (boards), each with its own people. */
  readonly rooms: number
  /** People in each room. */
  readonly people: number
  /** How many of them (the first) are full Yjs clients; the others are light clients. */
  readonly fullClients: number
  /** How many of them (the first, full clients first) drag a shape. */
  readonly writers: number
  /** Shape moves per second per writer. */
  readonly shapeHz: number
  /** Cursor moves per second per person; 0 for none. */
  readonly cursorHz: number
  /** Load before measuring, so JIT and socket buffers settle, in ms. */
  readonly warmupMs: number
  /** How long sends are measured, in ms. */
  readonly measureMs: number
  /** Time after the last send for late deliveries to arrive before losses are counted, in ms. */
  readonly drainMs: number
}

/** The figure a workload is judged by: shape latency when anyone writes, else cursor latency. */
export function headlineOf(workload: Workload): 'shapes' | 'cursors' {
  return workload.writers > 0 && workload.shapeHz > 0 ? 'shapes' : 'cursors'
}

/** Warm-up, window and drain of the scenarios issue 13 added, shorter than the workshop's. */
const TIMING = { warmupMs: 2000, measureMs: 10_000, drainMs: 1000 }

/** A 50-person workshop: 10 people dragging shapes, everyone's cursor moving. */
export const WORKSHOP: Workload = {
  rooms: 1,
  people: 50,
  fullClients: 10,
  writers: 10,
  shapeHz: 20,
  cursorHz: 10,
  warmupMs: 3000,
  measureMs: 20_000,
  drainMs: 1000,
}

/**
 * Many boards at once: 200 boards of 5 people, each moving a shape twice a second. One person
 * per board is a full client; the other four are light clients that write from a document
 * holding only their own shape.
 */
export const MANY_BOARDS: Workload = {
  rooms: 200,
  people: 5,
  fullClients: 1,
  writers: 5,
  shapeHz: 2,
  cursorHz: 0,
  ...TIMING,
}

/** One big room: 10 full clients writing 20 times a second each (200 updates/s in all). */
export function oneRoom(connections: number): Workload {
  return {
    rooms: 1,
    people: connections,
    fullClients: 10,
    writers: 10,
    shapeHz: 20,
    cursorHz: 0,
    ...TIMING,
  }
}

/** The room sizes of the one-room scenario. */
export const ONE_ROOM_SIZES = [100, 200, 500] as const

/** 200 people in one room moving their cursors ten times a second; 10 of them full clients. */
export const CURSORS: Workload = {
  rooms: 1,
  people: 200,
  fullClients: 10,
  writers: 0,
  shapeHz: 0,
  cursorHz: 10,
  ...TIMING,
}

/** `workload` measured for `seconds` instead (the `--measure-seconds` flag). */
export function measuredFor(workload: Workload, seconds: number | undefined): Workload {
  return seconds === undefined ? workload : { ...workload, measureMs: seconds * 1000 }
}
