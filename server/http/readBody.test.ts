import type { IncomingMessage } from 'node:http'
import { PassThrough } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import { readBody } from './readBody'

/** A request body arriving in `chunks`, with the Content-Length header when `declared`. */
function request(chunks: readonly (string | Buffer)[], declared: boolean): IncomingMessage {
  const stream = new PassThrough()
  const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0)
  Object.assign(stream, {
    headers: declared ? { 'content-length': String(length) } : {},
    socket: { destroy: () => stream.destroy() },
  })
  setImmediate(() => {
    for (const chunk of chunks) stream.write(chunk)
    stream.end()
  })
  return stream as unknown as IncomingMessage
}

describe('readBody', () => {
  const chunks = ['first ', 'second ', 'x'.repeat(100_000), ' last']

  it.each([true, false])(
    'reads every chunk in order (Content-Length given: %s)',
    async (declared) => {
      const result = await readBody(request(chunks, declared), 1_000_000)
      expect(result.kind).toBe('ok')
      expect(result.kind === 'ok' && result.body.toString()).toBe(chunks.join(''))
    },
  )

  it('gives each body a memory of its own, which can be moved to a worker thread', async () => {
    const result = await readBody(request(['small'], true), 1000)
    if (result.kind !== 'ok') throw new Error(result.kind)
    expect(result.body.buffer.byteLength).toBe(5)
  })

  it.each([true, false])(
    'answers too-large past the limit (Content-Length given: %s)',
    async (declared) => {
      expect(await readBody(request(chunks, declared), 50_000)).toEqual({ kind: 'too-large' })
    },
  )

  it('stops keeping the body at the first piece a check refuses, and says why', async () => {
    const seen: string[] = []
    const result = await readBody(request(chunks, true), 1_000_000, (piece) => {
      seen.push(piece.toString())
      return piece.toString() === 'second ' ? 'Not this.' : undefined
    })
    expect(result).toEqual({ kind: 'refused', reason: 'Not this.' })
    expect(seen).toEqual(['first ', 'second '])
  })

  it('sets aside at most a MiB for a large declared body before its first MiB has passed', async () => {
    const large = [Buffer.from('first '), Buffer.alloc(3 * 1024 * 1024, 'y'), Buffer.from(' last')]
    const allocations = vi.spyOn(Buffer, 'allocUnsafeSlow')
    try {
      const refused = await readBody(request(large, true), 8 * 1024 * 1024, () => 'No.')
      expect(refused).toEqual({ kind: 'refused', reason: 'No.' })
      expect(allocations.mock.calls).toEqual([[1024 * 1024]])
    } finally {
      allocations.mockRestore()
    }
    const read = await readBody(request(large, true), 8 * 1024 * 1024)
    expect(read.kind === 'ok' && read.body.equals(Buffer.concat(large))).toBe(true)
  })
})
