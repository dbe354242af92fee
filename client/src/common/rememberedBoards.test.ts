// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { listRememberedBoards, rememberBoard, rememberedTitle } from './rememberedBoards'

const id = (n: number) => `board${n}`.padEnd(22, 'x')

describe('remembered boards', () => {
  beforeEach(() => localStorage.clear())

  it('lists boards most recently opened first, without duplicates', () => {
    rememberBoard({ id: id(1), title: 'Housing' }, 1000)
    rememberBoard({ id: id(2), title: 'Mental health' }, 2000)
    rememberBoard({ id: id(1), title: 'Housing help' }, 3000)
    expect(listRememberedBoards()).toEqual([
      { id: id(1), title: 'Housing help', lastOpenedAt: 3000 },
      { id: id(2), title: 'Mental health', lastOpenedAt: 2000 },
    ])
    expect(rememberedTitle(id(2))).toBe('Mental health')
  })

  it('survives corrupt storage', () => {
    localStorage.setItem('commonmap:boards', '{not json')
    expect(listRememberedBoards()).toEqual([])
    localStorage.setItem('commonmap:boards', JSON.stringify([{ id: 'bad' }, 7]))
    expect(listRememberedBoards()).toEqual([])
  })
})
