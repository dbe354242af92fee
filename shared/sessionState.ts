import { T } from '@tldraw/validate'
import { participantIdValidator } from './participant'
import { SESSION_AREAS, areaFrameId, type SessionArea } from './sessionAreas'

/** The stage the group is at: the area of the session a facilitator moved everyone to. */
export interface SessionStage {
  /** The area's key (shared/sessionAreas.ts). */
  readonly area: string
  /** Server time it was set, epoch ms: a client takes people there when this changes. */
  readonly at: number
  /** The facilitator who moved the group. */
  readonly by: string
}

/**
 * The stage's timer, in server time. Nothing locks when it ends: it only says time is up.
 */
export interface SessionTimer {
  readonly seconds: number
  /** Server time it started and ends, epoch ms. */
  readonly startedAt: number
  readonly endsAt: number
  readonly by: string
}

/**
 * "Bring everyone here": the part of the board a facilitator had in view when they brought
 * everyone to it, once (people can look elsewhere straight after, following or not).
 */
export interface SessionSummon {
  /** The view, in page coordinates. */
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  /** Server time, epoch ms: a device takes its person there when this changes. */
  readonly at: number
  readonly by: string
}

/**
 * The session's layout (its areas and their prompts: isLayoutShapeId) locked by a facilitator,
 * so nobody moves or deletes it by accident: the server refuses changes to it from anyone who
 * does not facilitate.
 */
export interface SessionLock {
  /** Server time it was locked, epoch ms. */
  readonly at: number
  readonly by: string
}

/**
 * A private writing round ("think on your own"): while it is open, what each person adds goes
 * to the server alone (shared/privateRound.ts), seen by nobody else, the facilitator included,
 * until a facilitator shows everyone's at once. Published to everyone, so every device says so.
 */
export interface SessionRound {
  /** Server time it started, epoch ms: it also names the round its cards belong to. */
  readonly startedAt: number
  /** Server time its timer ends, epoch ms. Nothing closes then: it only says time is up. */
  readonly endsAt: number
  readonly by: string
}

/**
 * The board closed to new people by a facilitator: the join call refuses anyone new, while
 * everyone already on the board keeps working.
 */
export interface SessionJoiningClosed {
  /** Server time it was closed, epoch ms. */
  readonly at: number
  readonly by: string
}

/**
 * What a facilitator set for the whole group (the `session` server state, under `current`):
 * the stage and its timer, each null until set, whether the layout is locked (absent in a
 * session stored before locks: not locked) and whether the board is closed to new people. Kept by the server, published to everyone.
 */
export interface SessionState {
  readonly stage: SessionStage | null
  readonly timer: SessionTimer | null
  readonly summon: SessionSummon | null
  readonly lock?: SessionLock | null
  /** The private writing round while one is open (absent in a session stored before rounds). */
  readonly round?: SessionRound | null
  /** Set while the board is closed to new people (absent in a session stored before: open). */
  readonly joiningClosed?: SessionJoiningClosed | null
}

/** A session nobody has run yet. */
export const EMPTY_SESSION: SessionState = {
  stage: null,
  timer: null,
  summon: null,
  lock: null,
  round: null,
}

/** True once a facilitator has changed anything of the session, so there is one to publish. */
export function isSessionRun(session: SessionState): boolean {
  return Boolean(
    session.stage ||
    session.timer ||
    session.summon ||
    session.lock ||
    session.round ||
    session.joiningClosed,
  )
}

/** How far from the board's origin a view brought to everyone may be, in page units. */
export const MAX_PAGE_COORDINATE = 1_000_000

/** The longest timer a facilitator can set: a whole half-day workshop. */
export const MAX_TIMER_SECONDS = 4 * 60 * 60

const time = T.number.check((value) => {
  if (!Number.isFinite(value)) throw new T.ValidationError('Expected a time')
})

const coordinate = T.number.check((value) => {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_PAGE_COORDINATE) {
    throw new T.ValidationError('Expected a place on the board')
  }
})

const size = T.number.check((value) => {
  if (!Number.isFinite(value) || value <= 0 || value > 2 * MAX_PAGE_COORDINATE) {
    throw new T.ValidationError('Expected a size')
  }
})

/** Validates a {@link SessionState} received from the server or read from storage. */
export const sessionStateValidator: T.Validator<SessionState> = T.object({
  stage: T.object({
    area: T.string.check((key) => {
      if (!areaByKey(key)) throw new T.ValidationError('Expected an area of the session')
    }),
    at: time,
    by: participantIdValidator,
  }).nullable(),
  timer: T.object({
    seconds: T.number.check((seconds) => {
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMER_SECONDS) {
        throw new T.ValidationError('Expected a length of time')
      }
    }),
    startedAt: time,
    endsAt: time,
    by: participantIdValidator,
  }).nullable(),
  summon: T.object({
    x: coordinate,
    y: coordinate,
    w: size,
    h: size,
    at: time,
    by: participantIdValidator,
  }).nullable(),
  lock: T.object({ at: time, by: participantIdValidator }).nullable().optional(),
  round: T.object({ startedAt: time, endsAt: time, by: participantIdValidator })
    .nullable()
    .optional(),
  joiningClosed: T.object({ at: time, by: participantIdValidator }).nullable().optional(),
}) as unknown as T.Validator<SessionState>

/** True for a view that can be brought to everyone: finite, on the board, not empty. */
export function isSummonView(view: unknown): view is Pick<SessionSummon, 'x' | 'y' | 'w' | 'h'> {
  if (typeof view !== 'object' || view === null) return false
  const { x, y, w, h } = view as Record<string, unknown>
  return coordinate.isValid(x) && coordinate.isValid(y) && size.isValid(w) && size.isValid(h)
}

/** The session area with this key, or undefined. */
export function areaByKey(key: string): SessionArea | undefined {
  return SESSION_AREAS.find((area) => area.key === key)
}

/** The area an `area` given to `PUT …/session/stage` names: an area key or its frame's id. */
export function areaNamed(given: unknown): SessionArea | undefined {
  if (typeof given !== 'string') return undefined
  return SESSION_AREAS.find((area) => area.key === given || areaFrameId(area) === given)
}

/** How long is left of a timer at server time `now`, in whole seconds (0 once it has ended). */
export function secondsLeft(timer: Pick<SessionTimer, 'endsAt'>, now: number): number {
  return Math.max(0, Math.ceil((timer.endsAt - now) / 1000))
}

/** "4:05": minutes and seconds, for a timer everyone reads from across a room. */
export function formatTimeLeft(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`
}
