import { describe, expect, it } from 'vitest'
import { MalformedMessageError, decodeClientMessage, encodeJsonMessage } from './wireMessages'

describe('decodeClientMessage', () => {
  const limits = new Map([[100, 256]])

  it('passes a custom message within its limit to whoever handles it', () => {
    const frame = encodeJsonMessage(100, JSON.stringify({ for: null }))
    expect(decodeClientMessage(frame, limits)).toMatchObject({ type: 'custom', messageType: 100 })
  })

  it('refuses a custom message larger than its limit from its length alone', () => {
    // Deeply nested JSON: parsing it would be the expensive part, and it is never parsed.
    const frame = encodeJsonMessage(100, '['.repeat(300))
    expect(() => decodeClientMessage(frame, limits)).toThrow(MalformedMessageError)
    expect(() => decodeClientMessage(frame, limits)).toThrow(/of 302 bytes \(at most 256\)/)
  })

  it('refuses a custom message of a type nobody handles', () => {
    expect(() => decodeClientMessage(Uint8Array.from([120, 1]), limits)).toThrow(
      /Unknown message type 120/,
    )
  })
})
