import { describe, expect, it } from 'vitest'
import { boardIdInPath, boardPath, isBoardId, schemaFingerprint } from './protocol'

describe('board ids', () => {
  it('accepts 22 URL-safe characters only', () => {
    expect(isBoardId('abcdefghijklmnopqrstu_')).toBe(true)
    expect(isBoardId('abcdefghijklmnopqrstu')).toBe(false)
    expect(isBoardId('abcdefghijklmnopqrstu/')).toBe(false)
    expect(isBoardId(undefined)).toBe(false)
  })

  it('are found in a board page path, with or without its trailing slash', () => {
    const id = 'abcdefghijklmnopqrstu_'
    expect(boardIdInPath(boardPath(id))).toBe(id)
    expect(boardIdInPath(`${boardPath(id)}/`)).toBe(id)
    for (const path of ['/', '/b/', `/b/${id}/more`, `/x/${id}`]) {
      expect(boardIdInPath(path)).toBeUndefined()
    }
  })
})

describe('schemaFingerprint', () => {
  it('ignores key order and changes when any migration version changes', () => {
    const a = schemaFingerprint({ schemaVersion: 2, sequences: { x: 1, y: 2 } })
    const b = schemaFingerprint({ schemaVersion: 2, sequences: { y: 2, x: 1 } })
    const c = schemaFingerprint({ schemaVersion: 2, sequences: { x: 1, y: 3 } })
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })
})
