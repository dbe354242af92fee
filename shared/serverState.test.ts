import { describe, expect, it } from 'vitest'
import { participantId } from '../tests/helpers/participants'
import { commonmapSchema } from './schema'
import { CURRENT_KEY, readServerStateMessage, SERVER_STATES } from './serverState'

const sam = participantId('sam')
const you = { participantId: sam, capabilities: ['view', 'edit'] }
const credit = { addedBy: sam, addedAt: 1, addedWrittenDownBy: null, wordsBy: [] }

describe('the server state channel', () => {
  it('reads a snapshot, keeping every valid entry and leaving out the rest', () => {
    const read = readServerStateMessage({
      kind: 'snapshot',
      you,
      states: {
        attribution: {
          'shape:a': credit,
          'shape:b': { ...credit, wordsBy: [{ by: sam, writtenDownBy: null, at: 2 }] },
          'shape:bad': { ...credit, addedBy: 'Sam' },
          'shape:extra': { ...credit, secret: 'x' },
          'not-a-shape': credit,
        },
        contributions: { [sam]: 2, p_bad: 1, [participantId('jo')]: -1 },
        schema: { [CURRENT_KEY]: commonmapSchema.serialize() },
        invented: { x: 1 },
      },
    })
    expect(read?.dropped).toBe(6)
    expect(read?.message).toEqual({
      kind: 'snapshot',
      you,
      states: new Map<string, Map<string, unknown>>([
        [
          'attribution',
          new Map<string, unknown>([
            ['shape:a', credit],
            ['shape:b', { ...credit, wordsBy: [{ by: sam, writtenDownBy: null, at: 2 }] }],
          ]),
        ],
        ['contributions', new Map([[sam, 2]])],
        ['schema', new Map([[CURRENT_KEY, commonmapSchema.serialize()]])],
      ]),
    })
  })

  it('reads a patch of entries set and keys deleted', () => {
    const read = readServerStateMessage({
      kind: 'patch',
      states: { attribution: { set: { 'shape:a': credit }, delete: ['shape:b', 7] } },
    })
    expect(read?.message).toEqual({
      kind: 'patch',
      set: new Map([['attribution', new Map([['shape:a', credit]])]]),
      deleted: new Map([['attribution', ['shape:b']]]),
    })
  })

  it('refuses what is not a message, and facts that are not', () => {
    expect(readServerStateMessage(null)).toBeUndefined()
    expect(readServerStateMessage({ kind: 'other' })).toBeUndefined()
    expect(
      readServerStateMessage({ kind: 'you', you: { participantId: 'Sam', capabilities: [] } }),
    ).toBeUndefined()
    expect(
      readServerStateMessage({
        kind: 'you',
        you: { participantId: null, capabilities: ['admin'] },
      }),
    ).toBeUndefined()
    expect(readServerStateMessage({ kind: 'you', you })).toEqual({
      message: { kind: 'you', you },
      dropped: 0,
    })
  })

  it('checks a shape’s attribution by hand exactly as strictly as its type says', () => {
    const { value } = SERVER_STATES.attribution
    expect(value.isValid(credit)).toBe(true)
    expect(value.isValid({ ...credit, addedBy: null, addedAt: null })).toBe(true)
    expect(value.isValid({ ...credit, addedAt: Number.NaN })).toBe(false)
    expect(value.isValid({ ...credit, wordsBy: [{ by: sam, at: 1 }] })).toBe(false)
    expect(value.isValid({ ...credit, wordsBy: {} })).toBe(false)
    expect(value.isValid(null)).toBe(false)
  })
})
