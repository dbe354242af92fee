import { describe, expect, it } from 'vitest'
import { areaFrameId } from './sessionAreas'
import {
  areaNamed,
  EMPTY_SESSION,
  formatTimeLeft,
  isSessionRun,
  isSummonView,
  secondsLeft,
  sessionStateValidator,
  type SessionState,
} from './sessionState'

describe('the session state', () => {
  it('names an area by its key or by its frame’s id, and nothing else', () => {
    expect(areaNamed('ideas')?.name).toBe('6. Ideas')
    expect(areaNamed(areaFrameId({ key: 'ideas' }))?.key).toBe('ideas')
    expect(areaNamed('shape:something-else')).toBeUndefined()
    expect(areaNamed(42)).toBeUndefined()
  })

  it('counts a timer down in server time, and stops at nothing left', () => {
    const timer = { endsAt: 100_000 }
    expect(secondsLeft(timer, 99_001)).toBe(1)
    expect(secondsLeft(timer, 100_000)).toBe(0)
    expect(secondsLeft(timer, 250_000)).toBe(0)
    expect(formatTimeLeft(245)).toBe('4:05')
    expect(formatTimeLeft(0)).toBe('0:00')
  })

  it('accepts a state the server would publish and refuses one it would not', () => {
    const by = 'p_alex000000000000000000'
    const state: SessionState = {
      stage: { area: 'map', at: 1, by },
      timer: { seconds: 300, startedAt: 1, endsAt: 300_001, by },
      summon: { x: -100, y: 20, w: 1280, h: 800, at: 2, by },
    }
    expect(sessionStateValidator.isValid(state)).toBe(true)
    expect(sessionStateValidator.isValid({ ...state, stage: { area: 'nowhere', at: 1, by } })).toBe(
      false,
    )
    expect(
      sessionStateValidator.isValid({ ...state, timer: { ...state.timer!, seconds: 0 } }),
    ).toBe(false)
    expect(isSummonView({ x: 0, y: 0, w: 10, h: 10 })).toBe(true)
    for (const view of [
      { x: 0, y: 0, w: 0, h: 10 },
      { x: NaN, y: 0, w: 1, h: 1 },
      { x: 0 },
      null,
    ]) {
      expect(isSummonView(view)).toBe(false)
    }
  })

  it('reads a session stored before locks as unlocked, and a lock as run', () => {
    const by = 'p_alex000000000000000000'
    const beforeLocks = { stage: null, timer: null, summon: null }
    expect(sessionStateValidator.isValid(beforeLocks)).toBe(true)
    expect(isSessionRun(beforeLocks)).toBe(false)
    expect(isSessionRun(EMPTY_SESSION)).toBe(false)
    const locked = { ...EMPTY_SESSION, lock: { at: 1, by } }
    expect(sessionStateValidator.isValid(locked)).toBe(true)
    expect(isSessionRun(locked)).toBe(true)
    expect(sessionStateValidator.isValid({ ...EMPTY_SESSION, lock: { at: 1 } })).toBe(false)
  })
})
