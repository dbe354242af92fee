import { describe, expect, it } from 'vitest'
import { chooseBoardView, rememberBoardView } from './boardView'

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  }
}

describe('chooseBoardView', () => {
  it('opens the phone lane on a phone and the canvas anywhere else', () => {
    expect(chooseBoardView(memory(), () => true)).toBe('simple')
    expect(chooseBoardView(memory(), () => false)).toBe('board')
  })

  it('keeps to what the person chose on this device', () => {
    const storage = memory()
    rememberBoardView('board', storage)
    expect(chooseBoardView(storage, () => true)).toBe('board')
    rememberBoardView('simple', storage)
    expect(chooseBoardView(storage, () => false)).toBe('simple')
  })
})
