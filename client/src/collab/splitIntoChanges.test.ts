import { describe, expect, it } from 'vitest'
import { splitIntoChanges } from './splitIntoChanges'

describe('splitIntoChanges', () => {
  const size = (item: string) => item.length

  it('keeps everything in one change when it fits', () => {
    expect(splitIntoChanges(['ab', 'cd'], size, 4)).toEqual([['ab', 'cd']])
  })

  it('starts a new change before one would pass the budget, keeping the order', () => {
    expect(splitIntoChanges(['ab', 'cd', 'e', 'fgh'], size, 4)).toEqual([
      ['ab', 'cd'],
      ['e', 'fgh'],
    ])
  })

  it('gives an item larger than the budget a change of its own', () => {
    expect(splitIntoChanges(['a', 'bcdefg', 'h'], size, 4)).toEqual([['a'], ['bcdefg'], ['h']])
  })

  it('makes no change of nothing', () => {
    expect(splitIntoChanges([], size, 4)).toEqual([])
  })
})
